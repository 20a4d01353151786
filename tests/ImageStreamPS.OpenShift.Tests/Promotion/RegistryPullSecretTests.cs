using System.Text;
using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Promotion;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Tests.Promotion;

/// <summary>The pull secret as kubectl <c>create secret docker-registry</c> writes it (<c>handleDockerCfgJSONContent</c>).</summary>
public class RegistryPullSecretTests
{
    private static readonly RegistryLogin Login = new("promoter", "sha256~secret-token");

    private static JsonNode Config(V1Secret secret) => JsonNode.Parse(secret.Data![RegistryPullSecret.DockerConfigJsonKey])!;

    [Fact]
    public void APullSecretHoldsUsernamePasswordAndAuthForTheRegistryHost()
    {
        var secret = RegistryPullSecret.Build("prod", "staging-pull", "default-route.apps.staging.example.com", Login);

        Assert.Equal("kubernetes.io/dockerconfigjson", secret.Type);
        Assert.Equal(("staging-pull", "prod"), (secret.Metadata.Name, secret.Metadata.NamespaceProperty));
        var entry = Config(secret)["auths"]!["default-route.apps.staging.example.com"]!;
        Assert.Equal("promoter", (string?)entry["username"]);
        Assert.Equal("sha256~secret-token", (string?)entry["password"]);
        Assert.Equal("promoter:sha256~secret-token", Encoding.UTF8.GetString(Convert.FromBase64String((string)entry["auth"]!)));
    }

    [Theory]
    [InlineData("127.0.0.1:5001", "127.0.0.1-5001-pull")]
    [InlineData("default-route-openshift-image-registry.apps.staging.example.com", "default-route-openshift-image-registry.apps.staging.example.com-pull")]
    [InlineData("Registry.Example.COM:443", "registry.example.com-443-pull")]
    public void TheDefaultNameIsTheHostAsASecretName(string host, string expected) =>
        Assert.Equal(expected, RegistryPullSecret.DefaultName(host));

    [Fact]
    public void MergingKeepsTheOtherRegistriesAndChangesNothingWhenTheLoginIsThere()
    {
        var existing = RegistryPullSecret.Build("prod", "registries", "quay.io", new RegistryLogin("u", "p"));

        var merged = RegistryPullSecret.Merge(existing, "127.0.0.1:5001", Login)!;
        var again = RegistryPullSecret.Merge(merged, "127.0.0.1:5001", Login);

        Assert.Equal(["quay.io", "127.0.0.1:5001"], Config(merged)["auths"]!.AsObject().Select(e => e.Key));
        Assert.Null(again);
    }

    [Fact]
    public void ASecretOfAnotherTypeIsLeftAlone()
    {
        var opaque = new V1Secret { Metadata = new V1ObjectMeta { Name = "app-config", NamespaceProperty = "prod" }, Type = "Opaque" };

        var failure = Assert.Throws<ImagePromotionException>(() => RegistryPullSecret.Merge(opaque, "127.0.0.1:5001", Login));

        Assert.Equal(PromotionError.PullSecretUnusable, failure.Error);
        Assert.DoesNotContain(Login.Password, failure.Message);
    }

    [Fact]
    public void TheLoginNeverShowsItsPassword() => Assert.DoesNotContain(Login.Password, Login.ToString());
}
