using k8s.Models;

namespace ImageStreamPS.OpenShift.Images;

/// <summary>
/// Which secrets an image import may pull with (openshift-apiserver <c>imagesecret/rest.go</c> Get): the
/// namespace's <c>kubernetes.io/dockercfg</c> and <c>kubernetes.io/dockerconfigjson</c> secrets, except those
/// annotated <c>openshift.io/image.excludeSecret: "true"</c>.
/// </summary>
public static class ImageSecrets
{
    /// <summary>openshift/api's <c>ExcludeImageSecretAnnotation</c>.</summary>
    public const string ExcludeAnnotation = "openshift.io/image.excludeSecret";

    /// <summary>The pull secrets among <paramref name="secrets"/>, in their order.</summary>
    public static IReadOnlyList<V1Secret> ForImport(IEnumerable<V1Secret> secrets) =>
        secrets.Where(secret =>
                secret.Metadata?.Annotations?.TryGetValue(ExcludeAnnotation, out var exclude) != true || exclude != "true")
            .Where(secret => secret.Type is "kubernetes.io/dockercfg" or "kubernetes.io/dockerconfigjson")
            .ToList();
}
