using ImageStreamPS.OpenShift.Api;
using System.Text.RegularExpressions;

namespace ImageStreamPS.Sandbox.Resources;

/// <summary>apimachinery's name and label rules, with their messages.</summary>
public static partial class Validation
{
    public const string DnsSubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    public const string DnsLabelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    public static bool IsDnsSubdomain(string name) => name.Length <= 253 && DnsSubdomain().IsMatch(name);
    public static bool IsDnsLabel(string name) => name.Length <= 63 && DnsLabel().IsMatch(name);

    /// <summary>Label/annotation keys: optional DNS-subdomain prefix and a name part of up to 63 characters.</summary>
    public static bool IsQualifiedName(string key)
    {
        var slash = key.LastIndexOf('/');
        var namePart = slash < 0 ? key : key[(slash + 1)..];
        if (slash >= 0 && !IsDnsSubdomain(key[..slash])) return false;
        return namePart.Length is > 0 and <= 63 && QualifiedNamePart().IsMatch(namePart);
    }

    public static bool IsLabelValue(string value) => value.Length == 0 || (value.Length <= 63 && QualifiedNamePart().IsMatch(value));

    /// <summary>The name error for kinds whose names are DNS subdomains (most kinds).</summary>
    public static IEnumerable<FieldError> DnsSubdomainName(string name) =>
        name.Length == 0 || IsDnsSubdomain(name) ? [] : [FieldError.Invalid("metadata.name", name, DnsSubdomainMessage)];

    /// <summary>The name error for kinds whose names are DNS labels (namespaces, services).</summary>
    public static IEnumerable<FieldError> DnsLabelName(string name) =>
        name.Length == 0 || IsDnsLabel(name) ? [] : [FieldError.Invalid("metadata.name", name, DnsLabelMessage)];

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();
    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();
    [GeneratedRegex(@"^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex QualifiedNamePart();
}
