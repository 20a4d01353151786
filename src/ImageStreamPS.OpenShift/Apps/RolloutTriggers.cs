using System.Text.Json;
using System.Text.RegularExpressions;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Apps;

/// <summary>The image-stream tags a Deployment follows, from its <c>image.openshift.io/triggers</c> annotation.</summary>
public static partial class RolloutTriggers
{
    public static IReadOnlyList<RolloutTrigger> Of(V1Deployment deployment)
    {
        var ns = deployment.Metadata?.NamespaceProperty ?? "";
        if (deployment.Metadata?.Annotations is not { } annotations
            || !annotations.TryGetValue(NewAppObjects.TriggersAnnotation, out var value)
            || string.IsNullOrWhiteSpace(value))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(value);
            var triggers = new List<RolloutTrigger>();
            foreach (var entry in document.RootElement.EnumerateArray())
            {
                var from = entry.GetProperty("from");
                var name = from.GetProperty("name").GetString() ?? "";
                if (!name.Contains(':')) continue;
                var fromNamespace = from.TryGetProperty("namespace", out var n) && n.GetString() is { Length: > 0 } given ? given : ns;
                var fieldPath = entry.TryGetProperty("fieldPath", out var f) ? f.GetString() ?? "" : "";
                var match = ContainerSelector().Match(fieldPath);
                var container = match.Success ? match.Groups[1].Value : null;
                var paused = entry.TryGetProperty("paused", out var p) && p.GetBoolean();
                triggers.Add(new RolloutTrigger(fromNamespace, name, container, paused));
            }
            return triggers;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            // The trigger controller ignores an annotation it cannot parse (e.g. "paused":"false"); so do we.
            return [];
        }
    }

    [GeneratedRegex("""containers\[\?\(@\.name=="([^"]+)"\)\]\.image$""")]
    private static partial Regex ContainerSelector();
}
