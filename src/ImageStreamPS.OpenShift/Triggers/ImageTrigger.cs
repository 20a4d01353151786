using System.Text.Json.Serialization;

namespace ImageStreamPS.OpenShift.Triggers;

/// <summary>
/// One entry of the <c>image.openshift.io/triggers</c> annotation: when the image stream tag in
/// <see cref="From"/> changes, write its image into the container field <see cref="FieldPath"/>.
/// </summary>
public sealed record ImageTrigger
{
    /// <summary>The tag to follow (<c>kind: ImageStreamTag</c>, <c>name: stream:tag</c>, optional namespace).</summary>
    [JsonPropertyName("from")] public ImageTriggerSource From { get; init; } = new();

    /// <summary>The field to set, e.g. <c>spec.template.spec.containers[?(@.name=="citas")].image</c>.</summary>
    [JsonPropertyName("fieldPath")] public string FieldPath { get; init; } = "";

    /// <summary>A paused trigger is ignored. Written only when true.</summary>
    [JsonPropertyName("paused")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Paused { get; init; }

    /// <summary>The trigger <c>oc new-app</c> and <c>oc set triggers</c> write for a container of a Deployment.</summary>
    public static ImageTrigger ForDeploymentContainer(string container, string streamTag, string? @namespace = null) => new()
    {
        From = new ImageTriggerSource { Kind = "ImageStreamTag", Name = streamTag, Namespace = string.IsNullOrEmpty(@namespace) ? null : @namespace },
        FieldPath = $"spec.template.spec.containers[?(@.name==\"{container}\")].image",
    };

    /// <summary>The tag's namespace: the one written, or the namespace of the object carrying the trigger.</summary>
    public string NamespaceOr(string objectNamespace) => string.IsNullOrEmpty(From.Namespace) ? objectNamespace : From.Namespace;
}

/// <summary>The <c>from</c> of an image trigger.</summary>
public sealed record ImageTriggerSource
{
    /// <summary>Written as <c>ImageStreamTag</c>; the controller does not check it.</summary>
    [JsonPropertyName("kind")] public string Kind { get; init; } = "";
    /// <summary><c>stream:tag</c>; a name without <c>:</c> never resolves.</summary>
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    /// <summary>The stream's namespace; omitted for the object's own namespace.</summary>
    [JsonPropertyName("namespace")] public string? Namespace { get; init; }
    /// <summary>Optional API version.</summary>
    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }
}
