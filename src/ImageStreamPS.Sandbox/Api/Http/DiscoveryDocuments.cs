using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Resources;

namespace ImageStreamPS.Sandbox.Api.Http;

/// <summary>
/// Legacy discovery (what kubectl, Python and Ansible read): <c>/api</c> APIVersions, <c>/apis</c>
/// APIGroupList, <c>/apis/{group}</c> APIGroup and the per group/version APIResourceLists, built from the
/// catalog. Aggregated discovery is not served: clients fall back to these documents by content type.
/// </summary>
public static class DiscoveryDocuments
{
    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = "v1.32.0-imagestreamps-sandbox",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2026-01-01T00:00:00Z",
        ["goVersion"] = "go1.23.0",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    public static JsonObject ApiVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public static JsonObject GroupList(ResourceCatalog catalog) => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray(catalog.GroupVersions.Where(gv => gv.Group.Length > 0).Select(gv => gv.Group).Distinct()
            .Select(g => (JsonNode)GroupBody(catalog, g)).ToArray()),
    };

    public static JsonObject? Group(ResourceCatalog catalog, string group)
    {
        if (!catalog.GroupVersions.Any(gv => gv.Group == group && group.Length > 0)) return null;
        var body = GroupBody(catalog, group);
        return new JsonObject { ["kind"] = "APIGroup", ["apiVersion"] = "v1", ["name"] = body["name"]!.DeepClone(),
            ["versions"] = body["versions"]!.DeepClone(), ["preferredVersion"] = body["preferredVersion"]!.DeepClone() };
    }

    private static JsonObject GroupBody(ResourceCatalog catalog, string group)
    {
        var versions = catalog.GroupVersions.Where(gv => gv.Group == group).Select(gv => gv.Version).ToList();
        JsonObject Version(string v) => new() { ["groupVersion"] = group + "/" + v, ["version"] = v };
        return new JsonObject
        {
            ["name"] = group,
            ["versions"] = new JsonArray(versions.Select(v => (JsonNode)Version(v)).ToArray()),
            ["preferredVersion"] = Version(versions[0]),
        };
    }

    public static JsonObject? ResourceList(ResourceCatalog catalog, string group, string version)
    {
        var entries = catalog.Entries.Where(e => e.Type.Group == group && e.Type.Version == version).ToList();
        if (entries.Count == 0) return null;
        var resources = new JsonArray();
        foreach (var type in entries.Select(e => e.Type))
        {
            var resource = new JsonObject
            {
                ["name"] = type.Resource,
                ["singularName"] = type.Singular,
                ["namespaced"] = type.Namespaced,
                ["kind"] = type.Kind,
                ["verbs"] = new JsonArray(type.Verbs.Select(v => (JsonNode)v).ToArray()),
            };
            if (type.ShortNames.Count > 0) resource["shortNames"] = new JsonArray(type.ShortNames.Select(v => (JsonNode)v).ToArray());
            if (type.Categories.Count > 0) resource["categories"] = new JsonArray(type.Categories.Select(v => (JsonNode)v).ToArray());
            resources.Add(resource);
            foreach (var sub in type.Subresources)
            {
                var entry = new JsonObject { ["name"] = type.Resource + "/" + sub.Name, ["singularName"] = "", ["namespaced"] = type.Namespaced };
                if (sub.Group is not null) entry["group"] = sub.Group;
                if (sub.Version is not null) entry["version"] = sub.Version;
                entry["kind"] = sub.Kind;
                entry["verbs"] = new JsonArray(sub.Verbs.Select(v => (JsonNode)v).ToArray());
                resources.Add(entry);
            }
        }
        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : group + "/" + version,
            ["resources"] = resources,
        };
    }
}
