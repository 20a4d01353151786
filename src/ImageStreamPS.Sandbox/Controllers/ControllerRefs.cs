using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Api;
using k8s;
using k8s.Models;

namespace ImageStreamPS.Sandbox.Controllers;

/// <summary>
/// apimachinery's <c>metav1.GetControllerOf</c> / <c>NewControllerRef</c> and the annotation reads the
/// controllers share, on typed objects; <see cref="Meta"/> reads the metadata of a watch event's object.
/// </summary>
internal static class ControllerRefs
{
    /// <summary>The controller owner reference (<c>controller: true</c>), or null.</summary>
    public static V1OwnerReference? ControllerOf(this IMetadata<V1ObjectMeta> obj) =>
        obj.Metadata?.OwnerReferences?.FirstOrDefault(r => r.Controller == true);

    public static bool IsControlledBy(this IMetadata<V1ObjectMeta> obj, IMetadata<V1ObjectMeta> owner) =>
        obj.ControllerOf() is { } reference && reference.Uid == owner.Metadata?.Uid;

    /// <summary>The reference a controller puts on what it creates.</summary>
    public static V1OwnerReference NewControllerRef(IMetadata<V1ObjectMeta> owner, string apiVersion, string kind) => new()
    {
        ApiVersion = apiVersion,
        Kind = kind,
        Name = owner.Metadata.Name,
        Uid = owner.Metadata.Uid,
        Controller = true,
        BlockOwnerDeletion = true,
    };

    public static string? Annotation(this IMetadata<V1ObjectMeta> obj, string key) =>
        obj.Metadata?.Annotations is { } annotations && annotations.TryGetValue(key, out var value) ? value : null;

    public static void SetAnnotation(this IMetadata<V1ObjectMeta> obj, string key, string value) =>
        (obj.Metadata.Annotations ??= new Dictionary<string, string>())[key] = value;

    public static bool IsDeleting(this IMetadata<V1ObjectMeta> obj) => obj.Metadata?.DeletionTimestamp is not null;

    public static DateTime Created(this IMetadata<V1ObjectMeta> obj) => obj.Metadata?.CreationTimestamp ?? DateTime.MinValue;

    /// <summary>The metadata of a stored object (a watch event's), decoded on its own.</summary>
    public static V1ObjectMeta Meta(JsonObject obj) =>
        obj["metadata"] is JsonObject metadata ? Wire.Decode<V1ObjectMeta>(metadata) : new V1ObjectMeta();

    /// <summary>A typed copy the caller may change.</summary>
    public static T Copy<T>(this T obj) where T : class => Wire.Copy(obj);
}
