using System.Text.Json.Nodes;
using k8s.Models;

namespace ImageStreamPS.Sandbox.Resources.Core;

/// <summary>v1 events, with the involvedObject field selectors <c>kubectl describe</c> uses.</summary>
public sealed class EventStrategy : ResourceStrategy<Corev1Event>
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

    protected override IReadOnlyList<JsonNode?> Cells(Corev1Event obj, DateTimeOffset now)
    {
        var last = obj.LastTimestamp ?? obj.EventTime ?? obj.Metadata?.CreationTimestamp;
        var involved = obj.InvolvedObject;
        return
        [
            Tables.Age(last, now), obj.Type ?? "", obj.Reason ?? "",
            $"{involved?.Kind?.ToLowerInvariant()}/{involved?.Name}",
            obj.Message ?? "", obj.Metadata?.Name ?? "",
        ];
    }

    protected override IReadOnlyDictionary<string, Func<Corev1Event, string>> Fields { get; } = new Dictionary<string, Func<Corev1Event, string>>
    {
        ["involvedObject.kind"] = o => o.InvolvedObject?.Kind ?? "",
        ["involvedObject.namespace"] = o => o.InvolvedObject?.NamespaceProperty ?? "",
        ["involvedObject.name"] = o => o.InvolvedObject?.Name ?? "",
        ["involvedObject.uid"] = o => o.InvolvedObject?.Uid ?? "",
        ["involvedObject.apiVersion"] = o => o.InvolvedObject?.ApiVersion ?? "",
        ["involvedObject.resourceVersion"] = o => o.InvolvedObject?.ResourceVersion ?? "",
        ["involvedObject.fieldPath"] = o => o.InvolvedObject?.FieldPath ?? "",
        ["reason"] = o => o.Reason ?? "",
        ["reportingComponent"] = o => o.ReportingComponent ?? "",
        ["source"] = o => o.Source?.Component ?? "",
        ["type"] = o => o.Type ?? "",
    };
}
