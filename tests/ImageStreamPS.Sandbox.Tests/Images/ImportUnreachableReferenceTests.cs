namespace ImageStreamPS.Sandbox.Tests.Images;

/// <summary>
/// A reference the grammar allows but no network can reach (a port past 65535) fails that image of
/// the import, as openshift-apiserver's importer fails the dial, instead of the whole request.
/// </summary>
public sealed class ImportUnreachableReferenceTests
{
    [Fact]
    public async Task APortPast65535FailsThatImageWithAnInternalErrorStatus()
    {
        await using var sandbox = await ImageSandbox.StartAsync();
        sandbox.CreateStream();

        var result = await sandbox.ImportAsync("v3", from: "docker.io:99999/josedom24/citas-backend:v1");

        var status = result["status"]!["images"]![0]!["status"]!;
        Assert.Equal(("Failure", "InternalError", 500), (status["status"]!.GetValue<string>(), status["reason"]!.GetValue<string>(), status["code"]!.GetValue<int>()));
        Assert.Equal("Internal error occurred: docker.io:99999/josedom24/citas-backend:v1: Get \"https://docker.io:99999/v2/\": dial tcp: address docker.io:99999: invalid port",
            status["message"]!.GetValue<string>());
    }
}
