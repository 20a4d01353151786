using k8s;

namespace ImageStreamPS.OpenShift.Tests.Apps;

/// <summary>Typed objects from the captured OpenShift output in Fixtures/.</summary>
internal static class AppFixtures
{
    public static T Load<T>(string file) => KubernetesYaml.Deserialize<T>(Fixture.Read(file));
}
