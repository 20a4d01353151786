using System.Collections;
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
        if (type.GetCustomAttribute<KubernetesEntityAttribute>() is { Kind.Length: > 0 } entity)
            return (string.IsNullOrEmpty(entity.Group) ? entity.ApiVersion : entity.Group + "/" + entity.ApiVersion, entity.Kind);
        // An engine type without the attribute (ProjectRequest) says what it is when made.
        if (type.Assembly == typeof(ImageStream).Assembly && type.GetConstructor(Type.EmptyTypes) is { } constructor &&
            constructor.Invoke(null) is IKubernetesObject { Kind.Length: > 0, ApiVersion.Length: > 0 } instance)
            return (instance.ApiVersion, instance.Kind);
        return null;
    }

    /// <summary>The value type of a model property that is a map (<c>IDictionary&lt;string, T&gt;</c>); null otherwise.</summary>
    public static Type? MapValue(Type type) =>
        (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IDictionary<,>) ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>)))?.GetGenericArguments()[1];

    /// <summary>The item type of a model property that is a list (not a string or byte[]); null otherwise.</summary>
    public static Type? ListItem(Type type)
    {
        if (type == typeof(string) || type == typeof(byte[])) return null;
        if (type.IsArray) return type.GetElementType();
        if (!typeof(IEnumerable).IsAssignableFrom(type)) return null;
        return (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>) ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)))?.GetGenericArguments()[0];
    }
}
