using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageStreamPS.Sandbox.Containers;

/// <summary>
/// What an image says its container would answer over HTTP, for the sandbox to answer in its place
/// (it runs no containers). Carried in the image config as the label
/// <c>io.imagestreamps.sandbox.answers</c>, e.g. the tutorial's citas-backend:v1:
/// <c>{"port":10000,"answers":[{"method":"GET","path":"/version","status":200,"contentType":"text/plain; charset=utf-8","body":"v1"}]}</c>.
/// </summary>
public sealed record DeclaredAnswers(
    [property: JsonPropertyName("port")] int Port,
    [property: JsonPropertyName("answers")] IReadOnlyList<DeclaredAnswer> Answers)
{
    public const string LabelKey = "io.imagestreamps.sandbox.answers";

    // A label is anyone's input (any imported image may carry one): read only a small, flat document.
    private const int MaxLabelLength = 64 * 1024;

    private static readonly JsonSerializerOptions Json = new() { MaxDepth = 8 };

    /// <summary>The label value (deterministic, so images that carry it keep their digests).</summary>
    public string ToLabel() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a label value; <paramref name="error"/> says what is wrong with one that is not valid.</summary>
    public static bool TryParse(string? label, [NotNullWhen(true)] out DeclaredAnswers? answers, [NotNullWhen(false)] out string? error)
    {
        answers = null;
        if (string.IsNullOrWhiteSpace(label))
        {
            error = "the label is empty";
            return false;
        }
        if (label.Length > MaxLabelLength)
        {
            error = $"the label is longer than {MaxLabelLength} characters";
            return false;
        }
        try
        {
            answers = JsonSerializer.Deserialize<DeclaredAnswers>(label, Json);
        }
        catch (JsonException e)
        {
            error = "the label is not valid JSON: " + e.Message;
            return false;
        }
        if (answers is null || answers.Port is < 1 or > 65535)
        {
            error = "the label must name a port from 1 to 65535";
            answers = null;
            return false;
        }
        if (answers.Answers is null || answers.Answers.Any(a => a is null || string.IsNullOrEmpty(a.Method) || a.Path is not ['/', ..] || a.Status is < 100 or > 599))
        {
            error = "each answer needs a method, a path starting with / and a status from 100 to 599";
            answers = null;
            return false;
        }
        error = null;
        return true;
    }

    /// <summary>The answer for a request line (HEAD is answered as GET, without a body), or null.</summary>
    public DeclaredAnswer? Find(string method, string path) =>
        Answers.FirstOrDefault(a => string.Equals(a.Method, method, StringComparison.OrdinalIgnoreCase) && a.Path == path)
        ?? (string.Equals(method, "HEAD", StringComparison.OrdinalIgnoreCase) ? Find("GET", path) : null);

    /// <summary>"GET /version" for each answer, to say what an image answers.</summary>
    public string Describe() => string.Join(", ", Answers.Select(a => $"{a.Method.ToUpperInvariant()} {a.Path}"));
}

/// <summary>One declared answer: the request it matches and the response it stands for.</summary>
public sealed record DeclaredAnswer(
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("contentType")] string? ContentType,
    [property: JsonPropertyName("body")] string? Body);
