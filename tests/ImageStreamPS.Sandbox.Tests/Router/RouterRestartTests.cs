using static ImageStreamPS.Sandbox.Tests.Router.RouterSandbox;

namespace ImageStreamPS.Sandbox.Tests.Router;

/// <summary>A Route's URL outlives a sandbox restart on the same data, when its port is still free.</summary>
public sealed class RouterRestartTests
{
    [Fact]
    public async Task TheRouteKeepsItsUrlAcrossARestart()
    {
        using var dir = new TempDirectory();
        string url;
        await using (var first = await StartAsync(dir: dir))
        {
            await first.ImportTutorialImagesAsync();
            await first.DeployAsync("myproject", "app-citas", Reference(V1));
            await first.WaitForReadyAddressesAsync("myproject", "app-citas", 1);
            url = (await first.ExposeAsync("myproject", "app-citas")).Url!;
            Assert.Equal("v1", (await first.GetAsync(url + "/version")).Body);
        }

        await using var second = await StartAsync(dir: dir);

        var answer = await Eventually(async () =>
        {
            try { return await second.GetAsync(url + "/version") is { Status: 200 } ok ? ok : null; }
            catch (HttpRequestException) { return null; }
        }, "the route answers at its old URL");
        Assert.Equal("v1", answer.Body);
        Assert.Equal(url, UrlOf((await second.GetRouteAsync("myproject", "app-citas"))!));
    }
}
