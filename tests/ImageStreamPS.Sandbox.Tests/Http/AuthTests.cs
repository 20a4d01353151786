using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Tests.Http;

public sealed class AuthTests(RunningSandbox sandbox) : IClassFixture<RunningSandbox>
{
    [Theory]
    [InlineData(null)]
    [InlineData("sha256~not-the-token")]
    public async Task RequestsWithoutTheTokenAre401Status(string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/namespaces");
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await sandbox.Anonymous.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(401, (int)response.StatusCode);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal(("Status", "Unauthorized", 401), (status["kind"]!.GetValue<string>(), status["reason"]!.GetValue<string>(), status["code"]!.GetValue<int>()));
    }

    [Fact]
    public async Task VersionAnswersACallerWithoutCredentialsButNotAWrongToken()
    {
        using var anonymous = await sandbox.Anonymous.GetAsync("/version", TestContext.Current.CancellationToken);
        Assert.Equal(200, (int)anonymous.StatusCode);
        Assert.Equal("32", JsonNode.Parse(await anonymous.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["minor"]!.GetValue<string>());

        using var request = new HttpRequestMessage(HttpMethod.Get, "/version");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sha256~not-the-token");
        using var wrong = await sandbox.Anonymous.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(401, (int)wrong.StatusCode);
    }

    [Fact]
    public async Task KubeconfigIsPrivateAndHoldsTheSandboxContext()
    {
        var text = await File.ReadAllTextAsync(sandbox.Host.KubeConfigPath, TestContext.Current.CancellationToken);
        Assert.Contains("current-context: sandbox", text);
        Assert.Contains("namespace: myproject", text);
        Assert.Contains("server: " + sandbox.Host.Server, text);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(sandbox.Host.KubeConfigPath));
    }

    [Fact]
    public async Task SandboxJsonDescribesTheRunningServer()
    {
        var info = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(sandbox.DataPath, "sandbox.json"), TestContext.Current.CancellationToken))!;
        Assert.Matches(@"^https://127\.0\.0\.1:\d+$", info["server"]!.GetValue<string>());
        Assert.Matches(@"^127\.0\.0\.1:\d+$", info["registryEndpoint"]!.GetValue<string>());
        Assert.Equal(Environment.ProcessId, info["processId"]!.GetValue<int>());
        Assert.DoesNotContain(File.ReadAllText(Path.Combine(sandbox.DataPath, "token")).Trim(), info.ToJsonString());
    }
}
