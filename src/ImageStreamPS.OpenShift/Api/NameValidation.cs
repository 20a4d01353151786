using System.Text.RegularExpressions;

namespace ImageStreamPS.OpenShift.Api;

/// <summary>
/// apimachinery's name rules with their messages (<c>k8s.io/apimachinery/pkg/util/validation</c>
/// <c>IsDNS1123Label</c>, <c>IsDNS1123Subdomain</c>, <c>IsDNS1035Label</c>, and
/// <c>pkg/api/validate/content</c> <c>IsLabelKey</c>, <c>IsLabelValue</c>): each returns the problems, empty
/// when the value is valid. The client checks names with them before a request, the sandbox validates objects
/// with them, so both word a problem as the API server does.
/// </summary>
public static partial class NameValidation
{
    public const int Dns1123LabelMaxLength = 63;
    public const int Dns1123SubdomainMaxLength = 253;
    public const int Dns1035LabelMaxLength = 63;
    public const int LabelValueMaxLength = 63;
    private const int LabelKeyMaxLength = 63;

    private const string Dns1123LabelFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1123SubdomainFormat = Dns1123LabelFormat + "(\\." + Dns1123LabelFormat + ")*";
    private const string Dns1035LabelFormat = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private const string LabelKeyFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string LabelValueFormat = "(" + LabelKeyFormat + ")?";

    /// <summary>The message of a value that is not an RFC 1123 label.</summary>
    public static readonly string Dns1123LabelMessage = RegexError(
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
        Dns1123LabelFormat, "my-name", "123-abc");

    /// <summary>The message of a value that is not an RFC 1123 subdomain.</summary>
    public static readonly string Dns1123SubdomainMessage = RegexError(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        Dns1123SubdomainFormat, "example.com");

    /// <summary>The message of a value that is not an RFC 1035 label.</summary>
    public static readonly string Dns1035LabelMessage = RegexError(
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
        Dns1035LabelFormat, "my-name", "abc-123");

    private static readonly string LabelKeyMessage = RegexError(
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        LabelKeyFormat, "MyName", "my.name", "123-abc");

    private static readonly string LabelValueMessage = RegexError(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        LabelValueFormat, "MyValue", "my_value", "12345");

    /// <summary><c>IsDNS1123Label</c>: namespaces, services, container names.</summary>
    public static IReadOnlyList<string> Dns1123Label(string value)
    {
        var errors = new List<string>();
        if (value.Length > Dns1123LabelMaxLength) errors.Add(MaxLengthError(Dns1123LabelMaxLength));
        if (!Dns1123LabelRegex().IsMatch(value))
            errors.Add(Dns1123SubdomainRegex().IsMatch(value) ? "must not contain dots" : Dns1123LabelMessage);
        return errors;
    }

    /// <summary><c>IsDNS1123Subdomain</c>: the names of most kinds, route hosts.</summary>
    public static IReadOnlyList<string> Dns1123Subdomain(string value)
    {
        var errors = new List<string>();
        if (value.Length > Dns1123SubdomainMaxLength) errors.Add(MaxLengthError(Dns1123SubdomainMaxLength));
        if (!Dns1123SubdomainRegex().IsMatch(value)) errors.Add(Dns1123SubdomainMessage);
        return errors;
    }

    /// <summary><c>IsDNS1035Label</c>: what <c>oc new-app</c> accepts as an application name.</summary>
    public static IReadOnlyList<string> Dns1035Label(string value)
    {
        var errors = new List<string>();
        if (value.Length > Dns1035LabelMaxLength) errors.Add(MaxLengthError(Dns1035LabelMaxLength));
        if (!Dns1035LabelRegex().IsMatch(value)) errors.Add(Dns1035LabelMessage);
        return errors;
    }

    /// <summary><c>IsLabelKey</c> (<c>IsQualifiedName</c>): label and annotation keys, an optional DNS-subdomain prefix and a name.</summary>
    public static IReadOnlyList<string> QualifiedName(string value)
    {
        var errors = new List<string>();
        var parts = value.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                name = parts[1];
                if (parts[0].Length == 0) errors.Add("prefix part must be non-empty");
                else errors.AddRange(Dns1123Subdomain(parts[0]).Select(message => "prefix part " + message));
                break;
            default:
                errors.Add("a valid label key " + LabelKeyMessage + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return errors;
        }
        if (name.Length == 0) errors.Add("name part must be non-empty");
        else if (name.Length > LabelKeyMaxLength) errors.Add("name part " + MaxLengthError(LabelKeyMaxLength));
        if (!LabelKeyRegex().IsMatch(name)) errors.Add("name part " + LabelKeyMessage);
        return errors;
    }

    /// <summary><c>IsLabelValue</c>: empty, or a name part of at most 63 characters.</summary>
    public static IReadOnlyList<string> LabelValue(string value)
    {
        var errors = new List<string>();
        if (value.Length > LabelValueMaxLength) errors.Add(MaxLengthError(LabelValueMaxLength));
        if (!LabelValueRegex().IsMatch(value)) errors.Add(LabelValueMessage);
        return errors;
    }

    public static bool IsDns1123Label(string value) => Dns1123Label(value).Count == 0;
    public static bool IsDns1123Subdomain(string value) => Dns1123Subdomain(value).Count == 0;
    public static bool IsDns1035Label(string value) => Dns1035Label(value).Count == 0;

    /// <summary>
    /// apimachinery's <c>ValidateObjectMeta</c> name check for a name function: one
    /// <c>metadata.name</c> error per problem; an empty name is left to the caller (generateName).
    /// </summary>
    public static IEnumerable<FieldError> Name(string name, Func<string, IReadOnlyList<string>> rule, string path = "metadata.name") =>
        name.Length == 0 ? [] : rule(name).Select(message => FieldError.Invalid(path, name, message));

    /// <summary>
    /// apimachinery's <c>path.IsValidPathSegmentName</c> (names that become one URL segment: images,
    /// image signatures, stream mappings): not <c>.</c> or <c>..</c>, no <c>/</c> or <c>%</c>.
    /// </summary>
    public static IReadOnlyList<string> PathSegmentName(string value)
    {
        if (value is "." or "..") return [$"may not be '{value}'"];
        var problems = new List<string>();
        foreach (var illegal in new[] { "/", "%" })
            if (value.Contains(illegal, StringComparison.Ordinal)) problems.Add($"may not contain '{illegal}'");
        return problems;
    }

    /// <summary><c>MaxLenError</c>.</summary>
    public static string MaxLengthError(int length) => $"must be no more than {length} characters";

    // RegexError: the message, the examples, and the pattern.
    private static string RegexError(string message, string format, params string[] examples) =>
        message + " (e.g. " + string.Join(" or ", examples.Select(example => $"'{example}', ")) + "regex used for validation is '" + format + "')";

    [GeneratedRegex("^" + Dns1123LabelFormat + "\\z")]
    private static partial Regex Dns1123LabelRegex();

    [GeneratedRegex("^" + Dns1123SubdomainFormat + "\\z")]
    private static partial Regex Dns1123SubdomainRegex();

    [GeneratedRegex("^" + Dns1035LabelFormat + "\\z")]
    private static partial Regex Dns1035LabelRegex();

    [GeneratedRegex("^" + LabelKeyFormat + "\\z")]
    private static partial Regex LabelKeyRegex();

    [GeneratedRegex("^" + LabelValueFormat + "\\z")]
    private static partial Regex LabelValueRegex();
}
