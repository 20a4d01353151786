using System.Text;
using ImageStreamPS.OpenShift.Images;

namespace ImageStreamPS.OpenShift.Connection;

/// <summary>
/// The namespace and name segments of a request path, checked and escaped before they reach a URL.
/// KubernetesClient writes them into the path as given, so without this <c>nosuch/../myproject</c>
/// would address another namespace and <c>a?b</c> would start a query string.
/// </summary>
public static class ApiPath
{
    /// <summary>A namespace: an RFC 1123 label, as the API server validates namespace names.</summary>
    /// <exception cref="InvalidApiNameException">It is not one.</exception>
    public static string Namespace(string? @namespace) =>
        ImageStreamValidation.ValidateNamespace(@namespace) is { } problem
            ? throw new InvalidApiNameException($"invalid namespace \"{@namespace}\": {problem}", @namespace)
            : @namespace!;

    /// <summary>
    /// An object name as one path segment: refused when the API server could never serve it
    /// (apimachinery <c>path.IsValidPathSegmentName</c>: not <c>.</c> or <c>..</c>, no <c>/</c> or <c>%</c>),
    /// otherwise percent-encoded where a path segment needs it.
    /// </summary>
    /// <exception cref="InvalidApiNameException">It can never be a name.</exception>
    public static string Name(string? name)
    {
        if (string.IsNullOrEmpty(name)) throw new InvalidApiNameException("the name is empty", name);
        if (name is "." or "..") throw new InvalidApiNameException($"invalid name \"{name}\": may not be '.' or '..'", name);
        if (name.IndexOfAny(['/', '%']) >= 0) throw new InvalidApiNameException($"invalid name \"{name}\": may not contain '/' or '%'", name);
        return Escape(name);
    }

    // RFC 3986 pchar stays as written (so citas:v1 and citas@sha256:… read as before); anything else is %XX of its UTF-8.
    private static string Escape(string segment)
    {
        var builder = new StringBuilder(segment.Length);
        foreach (var b in Encoding.UTF8.GetBytes(segment))
        {
            var c = (char)b;
            if (b < 0x80 && (char.IsAsciiLetterOrDigit(c) || "-._~!$&'()*+,;=:@".Contains(c))) builder.Append(c);
            else builder.Append('%').Append(b.ToString("X2"));
        }
        return builder.ToString();
    }
}

/// <summary>A namespace or name refused before any request because it cannot be one.</summary>
public sealed class InvalidApiNameException(string message, string? value) : ArgumentException(message)
{
    /// <summary>What was given.</summary>
    public string? Value { get; } = value;
}
