using System.Text;
using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using k8s.Models;

namespace ImageStreamPS.Sandbox.Resources.Core;

/// <summary>v1 secrets: type Opaque by default, stringData folded into data (base64) as Kubernetes does.</summary>
public sealed class SecretStrategy : ResourceStrategy<V1Secret>
{
    public override ResourceType Type { get; } = new()
    {
        Group = "", Version = "v1", Resource = "secrets", Kind = "Secret", Namespaced = true,
    };

    public override bool TracksGeneration => false;

    protected override void PrepareForCreate(RequestContext context, V1Secret obj)
    {
        obj.Type ??= "Opaque";
        FoldStringData(obj);
    }

    protected override void PrepareForUpdate(RequestContext context, V1Secret obj, V1Secret old)
    {
        obj.Type ??= old.Type ?? "Opaque";
        FoldStringData(obj);
    }

    private static void FoldStringData(V1Secret obj)
    {
        if (obj.StringData is not { } strings) return;
        var data = obj.Data ??= new Dictionary<string, byte[]>();
        foreach (var (key, value) in strings) data[key] = Encoding.UTF8.GetBytes(value ?? "");
        obj.StringData = null;
    }

    protected override IEnumerable<FieldError> Validate(RequestContext context, V1Secret obj) => NameValidation.Name(obj.Metadata?.Name ?? "", NameValidation.Dns1123Subdomain);

    public override IReadOnlyList<TableColumn> Columns { get; } =
        [TableColumn.NameColumn, new("Type", "string", "The type of the secret"), new("Data", "string", "Number of data entries."), TableColumn.Age];

    protected override IReadOnlyList<JsonNode?> Cells(V1Secret obj, DateTimeOffset now) =>
        [obj.Metadata?.Name ?? "", obj.Type ?? "Opaque", (obj.Data?.Count ?? 0).ToString(), Tables.Age(obj.Metadata?.CreationTimestamp, now)];

    protected override IReadOnlyDictionary<string, Func<V1Secret, string>> Fields { get; } =
        new Dictionary<string, Func<V1Secret, string>> { ["type"] = o => o.Type ?? "" };
}
