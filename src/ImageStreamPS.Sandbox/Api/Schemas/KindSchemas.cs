using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Resources;

namespace ImageStreamPS.Sandbox.Api.Schemas;

/// <summary>
/// The schemas of every served kind, one set per group/version (what <c>/openapi/v3/apis/{group}/{version}</c>
/// publishes and <see cref="FieldValidation"/> checks bodies against). Built once from the catalog and the
/// typed models (<see cref="ModelTypes"/>, <see cref="SchemaGenerator"/>); a kind without a typed model
/// gets an open object schema and no unknown-field checks.
/// </summary>
public sealed class KindSchemas
{
    private readonly Dictionary<(string Group, string Version), GroupVersionSchemas> _groupVersions = new();

    public KindSchemas(ResourceCatalog catalog)
    {
        foreach (var (group, version) in catalog.GroupVersions)
        {
            var generator = new SchemaGenerator();
            var kinds = new Dictionary<string, KindSchema>();
            foreach (var type in catalog.Entries.Select(e => e.Type).Where(t => t.Group == group && t.Version == version))
            {
                var model = ModelTypes.Find(type.ApiVersion, type.Kind);
                string root;
                if (model is null)
                {
                    root = Name(type, type.Kind);
                    kinds[type.Kind] = new KindSchema(root, Typed: false);
                    continue;
                }
                root = generator.AddKind(model, group, version, type.Kind);
                kinds[type.Kind] = new KindSchema(root, Typed: true);
                if (ModelTypes.Find(type.ApiVersion, type.ListKind) is { } listModel && !kinds.ContainsKey(type.ListKind))
                    kinds[type.ListKind] = new KindSchema(generator.AddKind(listModel, group, version, type.ListKind), Typed: true);
                // Subresources of this group/version with their own kind (imagestreams/layers: ImageStreamLayers).
                foreach (var sub in type.Subresources.Where(s => s.Group is null && !kinds.ContainsKey(s.Kind)))
                    if (ModelTypes.Find(type.ApiVersion, sub.Kind) is { } subModel)
                        kinds[sub.Kind] = new KindSchema(generator.AddKind(subModel, group, version, sub.Kind), Typed: true);
            }
            var components = new SortedDictionary<string, JsonObject>(generator.Components.ToDictionary(c => c.Key, c => c.Value), StringComparer.Ordinal);
            foreach (var type in catalog.Entries.Select(e => e.Type).Where(t => t.Group == group && t.Version == version && !kinds[t.Kind].Typed))
            {
                var open = SchemaGenerator.AnyObject($"{type.Kind} ({type.ApiVersion})");
                open["x-kubernetes-group-version-kind"] = new JsonArray(new JsonObject { ["group"] = group, ["version"] = version, ["kind"] = type.Kind });
                components[kinds[type.Kind].Name] = open;
            }
            _groupVersions[(group, version)] = new GroupVersionSchemas(components, kinds);
        }
    }

    /// <summary>The schemas of a group/version (the core group is "").</summary>
    public GroupVersionSchemas For(string group, string version) => _groupVersions[(group, version)];

    /// <summary>The schemas of every group/version, for the single <c>/openapi/v2</c> document.</summary>
    public IEnumerable<((string Group, string Version) GroupVersion, GroupVersionSchemas Schemas)> All =>
        _groupVersions.Select(p => (p.Key, p.Value));

    private static string Name(ResourceType type, string kind) => type.Group switch
    {
        "" => $"io.k8s.api.core.{type.Version}.{kind}",
        _ when type.Group.EndsWith(".openshift.io", StringComparison.Ordinal) => $"com.github.openshift.api.{type.Group[..type.Group.IndexOf('.')]}.{type.Version}.{kind}",
        _ => $"io.k8s.api.{type.Group}.{type.Version}.{kind}",
    };
}

/// <summary>A kind's root schema; <see cref="Typed"/> when generated from a model (and so checked for unknown fields).</summary>
public sealed record KindSchema(string Name, bool Typed);

/// <summary>One group/version's component schemas and the root schema of each kind.</summary>
public sealed record GroupVersionSchemas(IReadOnlyDictionary<string, JsonObject> Components, IReadOnlyDictionary<string, KindSchema> Kinds)
{
    public KindSchema? Kind(string kind) => Kinds.GetValueOrDefault(kind);
}
