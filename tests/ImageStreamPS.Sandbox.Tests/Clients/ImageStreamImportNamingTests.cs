using ImageStreamPS.Sandbox.Api;
using ImageStreamPS.Sandbox.Tests.Images;
using static ImageStreamPS.Sandbox.Tests.Images.ImageSandbox;

namespace ImageStreamPS.Sandbox.Tests.Clients;

/// <summary>
/// imagestreamimport/rest.go Create names the stream <c>image.Resource("imagestream")</c> (singular) when the
/// request's resourceVersion or uid does not match it; a missing stream is the stream registry's own NotFound.
/// </summary>
public sealed class ImageStreamImportNamingTests
{
    [Fact]
    public async Task AStaleResourceVersionIsAConflictOnTheSingularImagestream()
    {
        await using var sandbox = await ImageSandbox.StartAsync();
        sandbox.CreateStream();
        await sandbox.ImportAsync("v1"); // the stream's resourceVersion moves on from the one read below
        var stale = Json("""
            {"kind":"ImageStreamImport","apiVersion":"image.openshift.io/v1","metadata":{"name":"citas","resourceVersion":"1"},
             "spec":{"import":true,"images":[{"from":{"kind":"DockerImage","name":"docker.io/josedom24/citas-backend:v2"},"to":{"name":"v2"}}]}}
            """);

        var error = await Assert.ThrowsAsync<StatusException>(() => sandbox.Api.CreateAsync(Group, "imagestreamimports", Ns, stale));

        Assert.Equal((409, "Conflict"), (error.Code, error.Reason));
        Assert.StartsWith("Operation cannot be fulfilled on imagestream.image.openshift.io \"citas\": the image stream was updated from \"1\" to ", error.Message);
        Assert.Equal("imagestream", error.Details!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnotherUidIsNotFoundOnTheSingularImagestreamAndAMissingStreamOnThePlural()
    {
        await using var sandbox = await ImageSandbox.StartAsync();
        sandbox.CreateStream();
        string Body(string name) => $$$"""
            {"kind":"ImageStreamImport","apiVersion":"image.openshift.io/v1","metadata":{"name":"{{{name}}}","uid":"00000000-0000-0000-0000-000000000000"},
             "spec":{"import":true,"images":[{"from":{"kind":"DockerImage","name":"docker.io/josedom24/citas-backend:v2"},"to":{"name":"v2"}}]}}
            """;

        var otherUid = await Assert.ThrowsAsync<StatusException>(() => sandbox.Api.CreateAsync(Group, "imagestreamimports", Ns, Json(Body("citas"))));
        var missing = await Assert.ThrowsAsync<StatusException>(() => sandbox.Api.CreateAsync(Group, "imagestreamimports", Ns, Json(Body("nosuch"))));

        Assert.Equal("imagestream.image.openshift.io \"citas\" not found", otherUid.Message);
        Assert.Equal("imagestreams.image.openshift.io \"nosuch\" not found", missing.Message);
    }
}
