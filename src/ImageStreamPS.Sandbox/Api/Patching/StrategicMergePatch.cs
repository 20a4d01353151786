using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Api.Patching;

/// <summary>
/// Strategic merge patch (<c>application/strategic-merge-patch+json</c>) for the kinds the sandbox
/// serves: a merge patch whose lists of objects merge by key (<see cref="MergeKey"/>), plus the
/// directives <c>$patch</c> (replace/delete/merge), <c>$setElementOrder/&lt;list&gt;</c>,
/// <c>$deleteFromPrimitiveList/&lt;list&gt;</c> and <c>$retainKeys</c>. Lists without a merge key are
/// replaced, as in apimachinery's <c>strategicpatch</c>.
/// </summary>
public static class StrategicMergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch) => Merge(target, patch, []);

    /// <summary>
    /// The merge key of a list field given the path of field names leading to it (list items add no
    /// segment): containers/env/volumes... by name, container ports by containerPort, service ports by
    /// port, image stream spec.tags by name and status.tags by tag.
    /// </summary>
    public static string? MergeKey(IReadOnlyList<string> path)
    {
        var field = path[^1];
        var parent = path.Count > 1 ? path[^2] : "";
        return field switch
        {
            "containers" or "initContainers" or "ephemeralContainers" or "volumes" or "env" or "imagePullSecrets" => "name",
            "readinessGates" => "conditionType",
            "ports" when parent is "containers" or "initContainers" or "ephemeralContainers" => "containerPort",
            "ports" => "port",
            "volumeMounts" => "mountPath",
            "volumeDevices" => "devicePath",
            "conditions" => "type",
            "ownerReferences" => "uid",
            "hostAliases" => "ip",
            "topologySpreadConstraints" => "topologyKey",
            "tags" when parent == "spec" => "name",
            "tags" when parent == "status" => "tag",
            _ => null,
        };
    }

    /// <summary>Lists of strings that merge as sets instead of being replaced.</summary>
    private static bool IsPrimitiveMergeList(IReadOnlyList<string> path) => path[^1] == "finalizers";

    private static JsonNode? Merge(JsonNode? target, JsonNode? patch, List<string> path)
    {
        if (patch is not JsonObject patchObject) return patch?.DeepClone();
        var directive = Directive(patchObject);
        if (directive == "replace") return Strip(patchObject);
        if (directive == "delete") return null;

        var result = target is JsonObject t ? (JsonObject)t.DeepClone() : new JsonObject();
        var orders = new Dictionary<string, JsonArray>();
        foreach (var (key, value) in patchObject)
        {
            if (key is "$patch" or "$retainKeys") continue;
            if (key.StartsWith("$setElementOrder/", StringComparison.Ordinal))
            {
                orders[key["$setElementOrder/".Length..]] = value as JsonArray ?? throw BadFormat("invalid patch format of setElementOrder list");
                continue;
            }
            if (key.StartsWith("$deleteFromPrimitiveList/", StringComparison.Ordinal))
            {
                var field = key["$deleteFromPrimitiveList/".Length..];
                if (value is not JsonArray remove || remove.Any(r => r is JsonObject or JsonArray)) throw BadFormat("invalid patch format of primitive list");
                if (result[field] is JsonArray list)
                    foreach (var item in list.Where(i => remove.Any(r => JsonNode.DeepEquals(r, i))).ToList()) list.Remove(item);
                continue;
            }
            path.Add(key);
            if (value is null) result.Remove(key);
            else if (value is JsonArray patchList) result[key] = MergeList(result[key] as JsonArray, patchList, path);
            else if (value is JsonObject)
            {
                var merged = Merge(result[key], value, path);
                if (merged is null) result.Remove(key);
                else result[key] = merged;
            }
            else result[key] = value.DeepClone();
            path.RemoveAt(path.Count - 1);
        }

        foreach (var (field, order) in orders)
            if (result[field] is JsonArray list) result[field] = Reorder(list, order, MergeKey([.. path, field]));

        if (patchObject.ContainsKey("$retainKeys"))
        {
            if (patchObject["$retainKeys"] is not JsonArray retain || !retain.All(k => k is JsonValue v && v.TryGetValue<string>(out _)))
                throw BadFormat("invalid patch format of retainKeys");
            var keep = retain.Select(k => k!.GetValue<string>()).ToHashSet();
            foreach (var key in result.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList()) result.Remove(key);
        }
        return result;
    }

    private static JsonArray MergeList(JsonArray? target, JsonArray patch, List<string> path)
    {
        var key = MergeKey(path);
        if (key is null || !patch.All(i => i is JsonObject))
        {
            if (IsPrimitiveMergeList(path) && target is not null)
            {
                var union = (JsonArray)target.DeepClone();
                foreach (var item in patch.Where(i => !union.Any(u => JsonNode.DeepEquals(u, i)))) union.Add(item?.DeepClone());
                return union;
            }
            return new JsonArray(patch.Select(i => i is JsonObject o ? Strip(o) : i?.DeepClone()).ToArray());
        }

        if (patch.OfType<JsonObject>().Any(i => Directive(i, listItem: true) == "replace"))
            return new JsonArray(patch.OfType<JsonObject>().Where(i => i["$patch"] is null).Select(Strip).ToArray<JsonNode?>());

        var result = target is null ? new JsonArray() : (JsonArray)target.DeepClone();
        foreach (var item in patch.OfType<JsonObject>())
        {
            var id = item[key];
            var index = IndexOf(result, key, id);
            var directive = Directive(item, listItem: true);
            if (directive is not null && item[key] is null)
                throw ApiErrors.BadRequest($"map: {GoValue.Format(item)} does not contain declared merge key: {key}");
            if (directive == "delete")
            {
                if (index >= 0) result.RemoveAt(index);
                continue;
            }
            if (index >= 0)
            {
                // "$patch: merge" on a list item only says what merging does anyway.
                var body = directive == "merge" ? (JsonObject)item.DeepClone() : item;
                body.Remove("$patch");
                var merged = Merge(result[index], body, path);
                result[index] = merged;
            }
            else result.Add(Strip(item));
        }
        return result;
    }

    private static int IndexOf(JsonArray list, string key, JsonNode? id)
    {
        for (var i = 0; i < list.Count; i++)
            if (list[i] is JsonObject o && SameKey(o[key], id)) return i;
        return -1;
    }

    // Keys compare by value, so "8080" and 8080 (int-or-string clients) match.
    private static bool SameKey(JsonNode? a, JsonNode? b) =>
        JsonNode.DeepEquals(a, b) || (a is JsonValue && b is JsonValue && a.ToString() == b.ToString());

    private static JsonArray Reorder(JsonArray list, JsonArray order, string? key)
    {
        var items = list.Select(i => i?.DeepClone()).ToList();
        int Rank(JsonNode? item)
        {
            for (var i = 0; i < order.Count; i++)
                if (key is null ? JsonNode.DeepEquals(order[i], item) : SameKey((order[i] as JsonObject)?[key], (item as JsonObject)?[key])) return i;
            return int.MaxValue;
        }
        return new JsonArray(items.Select((item, index) => (item, index)).OrderBy(p => Rank(p.item)).ThenBy(p => p.index).Select(p => p.item).ToArray());
    }

    /// <summary>
    /// The <c>$patch</c> directive of a map: null, replace, delete or merge. Anything else is refused as
    /// apimachinery refuses it (<c>strategicpatch.handleDirectiveInMergeMap</c>: ErrBadPatchType,
    /// "unknown patch type: X in map: map[...]"). kube-apiserver lets that error through as a 500
    /// (it is not among those <c>interpretStrategicMergePatchError</c> maps); it is the caller's mistake,
    /// so the sandbox answers 400 BadRequest with the same words.
    /// </summary>
    private static string? Directive(JsonObject map, bool listItem = false)
    {
        if (!map.TryGetPropertyValue("$patch", out var value)) return null;
        if (value is JsonValue text && text.TryGetValue<string>(out var directive) &&
            (directive is "replace" or "delete" || (listItem && directive == "merge")))
            return directive;
        throw ApiErrors.BadRequest($"unknown patch type: {GoValue.Format(value)} in map: {GoValue.Format(map)}");
    }

    // mergepatch.ErrBadPatchFormatFor*: kube-apiserver answers these 400 (interpretStrategicMergePatchError).
    private static StatusException BadFormat(string message) => ApiErrors.BadRequest(message);

    private static JsonObject Strip(JsonObject obj)
    {
        var copy = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (key.StartsWith('$')) continue;
            copy[key] = value is JsonObject o ? Strip(o) : value?.DeepClone();
        }
        return copy;
    }
}
