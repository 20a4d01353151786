using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Resources.Core;

/// <summary>v1 events, with the involvedObject field selectors <c>kubectl describe</c> uses.</summary>
public sealed class EventStrategy : ResourceStrategy
{
    public override ResourceType Type { get; } = new()
    {
        Group = "", Version = "v1", Resource = "events", Kind = "Event", Namespaced = true, ShortNames = ["ev"],
    };

    public override bool TracksGeneration => false;

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("Last Seen", "string", "Time when this Event was last observed."),
        new("Type", "string", "Type of this event (Normal, Warning)."),
        new("Reason", "string", "A short, machine understandable string that gives the reason for the transition into the object's current status."),
        new("Object", "string", "The object this Event is about."),
        new("Message", "string", "A human-readable description of the status of this operation."),
        new("Name", "string", "Name must be unique within a namespace.", 1, "name"),
    ];

    public override IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now)
    {
        var last = ObjectMeta.Time(ObjectMeta.Str(obj, "lastTimestamp") ?? ObjectMeta.Str(obj, "eventTime")) ?? ObjectMeta.CreationTimestamp(obj);
        var involved = obj["involvedObject"];
        return
        [
            Tables.Age(last, now), ObjectMeta.Str(obj, "type") ?? "", ObjectMeta.Str(obj, "reason") ?? "",
            $"{ObjectMeta.Str(involved, "kind")?.ToLowerInvariant()}/{ObjectMeta.Str(involved, "name")}",
            ObjectMeta.Str(obj, "message") ?? "", ObjectMeta.Name(obj),
        ];
    }

    protected override IReadOnlyDictionary<string, Func<JsonObject, string>> Fields { get; } = new Dictionary<string, Func<JsonObject, string>>
    {
        ["involvedObject.kind"] = o => ObjectMeta.Str(o, "involvedObject", "kind") ?? "",
        ["involvedObject.namespace"] = o => ObjectMeta.Str(o, "involvedObject", "namespace") ?? "",
        ["involvedObject.name"] = o => ObjectMeta.Str(o, "involvedObject", "name") ?? "",
        ["involvedObject.uid"] = o => ObjectMeta.Str(o, "involvedObject", "uid") ?? "",
        ["involvedObject.apiVersion"] = o => ObjectMeta.Str(o, "involvedObject", "apiVersion") ?? "",
        ["involvedObject.resourceVersion"] = o => ObjectMeta.Str(o, "involvedObject", "resourceVersion") ?? "",
        ["involvedObject.fieldPath"] = o => ObjectMeta.Str(o, "involvedObject", "fieldPath") ?? "",
        ["reason"] = o => ObjectMeta.Str(o, "reason") ?? "",
        ["reportingComponent"] = o => ObjectMeta.Str(o, "reportingComponent") ?? "",
        ["source"] = o => ObjectMeta.Str(o, "source", "component") ?? "",
        ["type"] = o => ObjectMeta.Str(o, "type") ?? "",
    };
}
