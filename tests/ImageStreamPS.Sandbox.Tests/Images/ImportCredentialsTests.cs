using System.Text;
using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Images;

namespace ImageStreamPS.Sandbox.Tests.Images;

/// <summary>Imports use the namespace's dockerconfigjson secrets against a registry that demands a token.</summary>
public sealed class ImportCredentialsTests
{
    private static JsonObject Request(string from) => ImageSandbox.Json("""
        {"metadata":{"name":"private"},"spec":{"import":true,"images":[{"from":{"kind":"DockerImage","name":"@FROM"},"to":{"name":"v1"},"importPolicy":{"insecure":true}}]}}
        """.Replace("@FROM", from));

    private static JsonObject Secret(string name, string registry, string user, string password, bool excluded = false)
    {
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
        var config = new JsonObject { ["auths"] = new JsonObject { [registry] = new JsonObject { ["auth"] = auth } } };
        var secret = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name },
            ["type"] = "kubernetes.io/dockerconfigjson",
            ["data"] = new JsonObject { [".dockerconfigjson"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(config.ToJsonString())) },
        };
        if (excluded) secret["metadata"]!["annotations"] = new JsonObject { ["openshift.io/image.excludeSecret"] = "true" };
        return secret;
    }

    [Fact]
    public async Task PrivateImageImportsWithTheNamespacePullSecret()
    {
        await using var registry = await DockerRegistryProcess.StartAsync();
        await using var proxy = await TokenAuthProxy.StartAsync(registry.Host);
        using var client = new RegistryClient();
        var image = TestImages.Schema2("private/app", "v1", "secret");
        await TestImages.PushAsync(await TestImages.OpenForPushAsync(client, registry.Host, "private/app"), image, "v1", ManifestMediaTypes.DockerSchema2);
        await using var sandbox = await ImageSandbox.StartAsync();
        var from = $"{proxy.Host}/private/app:v1";

        sandbox.Api.Create("", "secrets", ImageSandbox.Ns, Secret("excluded", proxy.Host, "alice", "wonderland", excluded: true));
        var denied = await sandbox.Api.CreateAsync(ImageSandbox.Group, "imagestreamimports", ImageSandbox.Ns, Request(from));
        sandbox.Api.Create("", "secrets", ImageSandbox.Ns, Secret("pull", proxy.Host, "alice", "wonderland"));
        var allowed = await sandbox.Api.CreateAsync(ImageSandbox.Group, "imagestreamimports", ImageSandbox.Ns, Request(from));

        var deniedStatus = denied["status"]!["images"]![0]!["status"]!;
        Assert.Equal("Unauthorized", deniedStatus["reason"]!.GetValue<string>());
        Assert.Equal($"you may not have access to the container image \"{proxy.Host}/private/app:v1\"", deniedStatus["message"]!.GetValue<string>());
        Assert.Equal("Success", allowed["status"]!["images"]![0]!["status"]!["status"]!.GetValue<string>());
        Assert.Equal(image.Digest, allowed["status"]!["images"]![0]!["image"]!["metadata"]!["name"]!.GetValue<string>());
        var tag = sandbox.Stream("private")["status"]!["tags"]![0]!;
        Assert.Equal(image.Digest, tag["items"]![0]!["image"]!.GetValue<string>());
        Assert.Null(tag["conditions"]);
    }
}
