using System.Text;

namespace ImageStreamPS.Sandbox.Tests.Http;

/// <summary>Crafted YAML request bodies are 400s the process survives (the engine's bounded YamlReader reads them).</summary>
public sealed class YamlBodyTests(RunningSandbox sandbox) : IClassFixture<RunningSandbox>
{
    private const string ConfigMaps = "/api/v1/namespaces/myproject/configmaps";

    public static TheoryData<string, string> Bodies
    {
        get
        {
            var bomb = new StringBuilder("a0: &a0 [\"lol\"]\n");
            for (var i = 1; i <= 9; i++) bomb.Append($"a{i}: &a{i} [{string.Join(",", Enumerable.Repeat($"*a{i - 1}", 9))}]\n");
            bomb.Append("metadata: {name: bomb}\ndata: {x: y}\n");
            return new TheoryData<string, string>
            {
                { "metadata: {name: deep}\ndata: " + new string('[', 40_000) + new string(']', 40_000), "exceeded max depth" },
                { bomb.ToString(), "excessive aliasing" },
                { "metadata: {name: keys}\ndata:\n  ? [a, b]\n  : c\n", "invalid map key" },
            };
        }
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task ACraftedYamlBodyIs400AndTheSandboxLives(string body, string reason)
    {
        var (status, error) = await sandbox.Send(HttpMethod.Post, ConfigMaps, body, "application/yaml");

        Assert.Equal((400, "BadRequest"), (status, error!["reason"]!.GetValue<string>()));
        Assert.StartsWith("error converting YAML to JSON: ", error["message"]!.GetValue<string>());
        Assert.Contains(reason, error["message"]!.GetValue<string>());
        Assert.Equal(200, (await sandbox.Get("/api/v1/namespaces/myproject")).Status);
    }

    [Fact]
    public async Task ABodyThatDoesNotFitItsKindIs400LikeKubeApiserver()
    {
        var (status, error) = await sandbox.Send(HttpMethod.Post, "/apis/apps/v1/namespaces/myproject/deployments",
            """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"typed"},"spec":{"replicas":"three"}}""");

        Assert.Equal((400, "BadRequest"), (status, error!["reason"]!.GetValue<string>()));
        Assert.Equal("Deployment in version \"v1\" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field Deployment.spec.replicas",
            error["message"]!.GetValue<string>());
    }
}
