using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Tests.Http;

public sealed class DiscoveryTests(RunningSandbox sandbox) : IClassFixture<RunningSandbox>
{
    [Fact]
    public async Task VersionReportsAKubectl132CompatibleMinor()
    {
        var (status, body) = await sandbox.Get("/version?timeout=5s");
        Assert.Equal(200, status);
        Assert.Equal(("1", "32"), (body!["major"]!.GetValue<string>(), body["minor"]!.GetValue<string>()));
        Assert.StartsWith("v1.32.", body["gitVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task GroupListHasTheOpenShiftGroupsWithMatchingPreferredVersion()
    {
        var (_, body) = await sandbox.Get("/apis");
        Assert.Equal("APIGroupList", body!["kind"]!.GetValue<string>());
        var groups = body["groups"]!.AsArray().ToDictionary(g => g!["name"]!.GetValue<string>());
        foreach (var name in new[] { "apps", "image.openshift.io", "route.openshift.io", "project.openshift.io" })
            Assert.True(JsonNode.DeepEquals(groups[name]!["versions"]![0], groups[name]!["preferredVersion"]), name);
        var (_, core) = await sandbox.Get("/api");
        Assert.Equal("v1", core!["versions"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task ImageGroupListsImageStreamsWithShortNameCategoryAndStatus()
    {
        var (status, body) = await sandbox.Get("/apis/image.openshift.io/v1");
        Assert.Equal(200, status);
        var resources = body!["resources"]!.AsArray().ToDictionary(r => r!["name"]!.GetValue<string>());
        var streams = resources["imagestreams"]!;
        Assert.Equal(("ImageStream", "imagestream", true), (streams["kind"]!.GetValue<string>(), streams["singularName"]!.GetValue<string>(), streams["namespaced"]!.GetValue<bool>()));
        Assert.Equal(["is"], streams["shortNames"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(["all"], streams["categories"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Contains("watch", streams["verbs"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.True(resources.ContainsKey("imagestreams/status"));
    }

    [Fact]
    public async Task DeploymentScaleSubresourceSpeaksAutoscalingV1()
    {
        var (_, body) = await sandbox.Get("/apis/apps/v1");
        var scale = body!["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "deployments/scale")!;
        Assert.Equal(("autoscaling", "v1", "Scale"), (scale["group"]!.GetValue<string>(), scale["version"]!.GetValue<string>(), scale["kind"]!.GetValue<string>()));
    }

    [Fact]
    public async Task OpenApiV3AdvertisesFieldValidationOnPatch()
    {
        var (_, index) = await sandbox.Get("/openapi/v3");
        var url = index!["paths"]!["apis/apps/v1"]!["serverRelativeURL"]!.GetValue<string>();
        Assert.Matches(@"^/openapi/v3/apis/apps/v1\?hash=[0-9A-F]+$", url);
        var (status, document) = await sandbox.Get(url);
        Assert.Equal(200, status);
        var patch = document!["paths"]!["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]!["patch"]!;
        Assert.Equal("Deployment", patch["x-kubernetes-group-version-kind"]!["kind"]!.GetValue<string>());
        Assert.Contains(patch["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "fieldValidation" && p["in"]!.GetValue<string>() == "query");
        // Advertised since the schemas carry the patch strategies (issue 14): kubectl apply then sends strategic merge.
        Assert.NotNull(patch["requestBody"]!["content"]!["application/strategic-merge-patch+json"]);
    }
}
