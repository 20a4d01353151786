using System.Text;
using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Resources.Core;

/// <summary>v1 secrets: type Opaque by default, stringData folded into data (base64) as Kubernetes does.</summary>
public sealed class SecretStrategy : ResourceStrategy
{
    public override ResourceType Type { get; } = new()
    {
        Group = "", Version = "v1", Resource = "secrets", Kind = "Secret", Namespaced = true,
    };

    public override bool TracksGeneration => false;

    public override void PrepareForCreate(RequestContext context, JsonObject obj)
    {
        base.PrepareForCreate(context, obj);
        ObjectMeta.Default(obj, "type", "Opaque");
        FoldStringData(obj);
    }

    public override void PrepareForUpdate(RequestContext context, JsonObject obj, JsonObject old)
    {
        base.PrepareForUpdate(context, obj, old);
        ObjectMeta.Default(obj, "type", old["type"]?.DeepClone() ?? "Opaque");
        FoldStringData(obj);
    }

    private static void FoldStringData(JsonObject obj)
    {
        if (obj["stringData"] is not JsonObject strings) return;
        var data = ObjectMeta.Ensure(obj, "data");
        foreach (var (key, value) in strings)
            data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value?.GetValue<string>() ?? ""));
        obj.Remove("stringData");
    }

    public override IEnumerable<FieldError> Validate(RequestContext context, JsonObject obj) => Validation.DnsSubdomainName(ObjectMeta.Name(obj));

    public override IReadOnlyList<TableColumn> Columns { get; } =
        [TableColumn.NameColumn, new("Type", "string", "The type of the secret"), new("Data", "string", "Number of data entries."), TableColumn.Age];

    public override IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now) =>
        [ObjectMeta.Name(obj), ObjectMeta.Str(obj, "type") ?? "Opaque", ((obj["data"] as JsonObject)?.Count ?? 0).ToString(), Tables.Age(ObjectMeta.CreationTimestamp(obj), now)];

    protected override IReadOnlyDictionary<string, Func<JsonObject, string>> Fields { get; } =
        new Dictionary<string, Func<JsonObject, string>> { ["type"] = o => ObjectMeta.Str(o, "type") ?? "" };
}
