using System.Text.Json.Nodes;
using static ImageStreamPS.Sandbox.Images.Streams.JsonRead;

namespace ImageStreamPS.Sandbox.Images.Streams;

/// <summary>
/// The generation rules of openshift-apiserver's imagestream strategy: clients cannot choose a spec
/// tag's generation (only reset it with 0); new, changed, null or zeroed tags take the stream's generation.
/// </summary>
internal static class SpecTagGenerations
{
    public static void SetAllForCreate(JsonObject stream, long generation)
    {
        foreach (var tag in (stream["spec"]?["tags"] as JsonArray ?? []).OfType<JsonObject>())
            tag["generation"] = generation;
    }

    /// <summary><c>updateSpecTagGenerationsForUpdate</c>: keep the stored generation unless the client sent 0.</summary>
    public static void KeepStored(JsonObject stream, JsonObject old)
    {
        foreach (var tag in (stream["spec"]?["tags"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (LongOrNull(tag["generation"]) == 0) continue;
            if (TagHistory.SpecTag(old, Str(tag["name"]) ?? "") is { } oldTag)
                tag["generation"] = LongOrNull(oldTag["generation"]) is { } stored ? stored : null;
        }
    }

    /// <summary><c>ensureSpecTagGenerationsAreSet</c>: new/changed/null/zero tags get the stream generation.</summary>
    public static void EnsureSet(JsonObject stream, JsonObject? old, string ns, long generation)
    {
        foreach (var tag in (stream["spec"]?["tags"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var oldTag = old is null ? null : TagHistory.SpecTag(old, Str(tag["name"]) ?? "");
            if (oldTag is null || Changed(oldTag, tag, ns)) tag["generation"] = null;
            if (LongOrNull(tag["generation"]) is { } value && value != 0) continue;
            tag["generation"] = generation;
        }
    }

    /// <summary><c>tagRefChanged</c>: another source namespace/name, reference flag, or a generation reset to 0.</summary>
    public static bool Changed(JsonObject old, JsonObject next, string ns)
    {
        if (next["from"] is not JsonObject nextFrom) return false;
        if (string.IsNullOrEmpty(Str(nextFrom["kind"])) && string.IsNullOrEmpty(Str(nextFrom["name"]))) return false;
        var oldFrom = old["from"] as JsonObject ?? new JsonObject();
        var oldNamespace = Str(oldFrom["namespace"]) is { Length: > 0 } o ? o : ns;
        var nextNamespace = Str(nextFrom["namespace"]) is { Length: > 0 } n ? n : ns;
        if (oldNamespace != nextNamespace) return true;
        if ((Str(oldFrom["name"]) ?? "") != (Str(nextFrom["name"]) ?? "")) return true;
        if (Bool(old["reference"]) != Bool(next["reference"])) return true;
        if (ImportMode(old) != ImportMode(next)) return true;
        var oldGeneration = LongOrNull(old["generation"]);
        var nextGeneration = LongOrNull(next["generation"]);
        return oldGeneration is not null && nextGeneration is not null && oldGeneration != nextGeneration && nextGeneration == 0;
    }

    private static string ImportMode(JsonObject tag) =>
        Str(tag["importPolicy"]?["importMode"]) is { Length: > 0 } mode ? mode : "Legacy";
}
