using k8s;

namespace ImageStreamPS.OpenShift.Tests.Apps;

/// <summary>Real OpenShift output copied from shared/reference/fixtures (provenance in its README).</summary>
internal static class AppFixtures
{
    public static T Load<T>(string file) =>
        KubernetesYaml.Deserialize<T>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Apps", "Fixtures", file)));
}
