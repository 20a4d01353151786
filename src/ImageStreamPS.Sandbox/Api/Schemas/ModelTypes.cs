using System.Reflection;
using ImageStreamPS.OpenShift.Api;
using k8s;
using k8s.Models;

namespace ImageStreamPS.Sandbox.Api.Schemas;

/// <summary>
/// The typed model of each served kind: KubernetesClient's <c>V1*</c> classes and the engine's OpenShift
/// types, found by their <see cref="KubernetesEntityAttribute"/> (or, for a type without one, by the
/// <c>kind</c>/<c>apiVersion</c> a new instance carries). The OpenAPI schemas and field validation are
/// generated from these, so a kind's fields are written down once: in its model.
/// </summary>
public static class ModelTypes
{
    private static readonly Lazy<Dictionary<(string ApiVersion, string Kind), Type>> Types = new(Scan);

    /// <summary>The model of <paramref name="kind"/> in <paramref name="apiVersion"/> (<c>apps/v1</c>, <c>v1</c>); null when there is none.</summary>
    public static Type? Find(string apiVersion, string kind) =>
        Types.Value.TryGetValue((apiVersion, kind), out var type) ? type : null;

    private static Dictionary<(string, string), Type> Scan()
    {
        var found = new Dictionary<(string, string), Type>();
        var assemblies = new[] { typeof(V1Pod).Assembly, typeof(ImageStream).Assembly };
        foreach (var type in assemblies.SelectMany(Exported))
        {
            if (!type.IsClass || type.IsAbstract || !typeof(IKubernetesObject).IsAssignableFrom(type)) continue;
            var key = Identity(type);
            if (key is null) continue;
            found.TryAdd(key.Value, type);
        }
        return found;
    }

    private static IEnumerable<Type> Exported(Assembly assembly)
    {
        try
        {
            return assembly.GetExportedTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }

    private static (string, string)? Identity(Type type)
    {
        if (type.GetConstructor(Type.EmptyTypes) is { } constructor && constructor.Invoke(null) is IKubernetesObject instance &&
            !string.IsNullOrEmpty(instance.Kind) && !string.IsNullOrEmpty(instance.ApiVersion))
            return (instance.ApiVersion, instance.Kind);
        if (type.GetCustomAttribute<KubernetesEntityAttribute>() is not { } entity)
            return null;
        var apiVersion = string.IsNullOrEmpty(entity.Group) ? entity.ApiVersion : entity.Group + "/" + entity.ApiVersion;
        return (apiVersion, entity.Kind);
    }
}
