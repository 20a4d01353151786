using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.ImageStreams;
using ImageStreamPS.Sandbox.Api;
using ImageStreamPS.OpenShift.Tests;

namespace ImageStreamPS.Sandbox.Tests.Images;

/// <summary>
/// The sandbox against what real OpenShift servers returned (tests/ImageStreamPS.OpenShift.Tests/Fixtures, see
/// PROVENANCE.md): every data fixture is created in the sandbox as the server's own writes would store it, read back
/// through the API and compared field by field, server-owned fields aside (uid, resourceVersion, timestamps the sandbox
/// sets, generations, the registry hosts of this sandbox, what controllers write). A field the fixture has must come
/// back with the same value; the sandbox may add the defaults a newer server writes.
/// </summary>
public sealed class FixtureRoundTripTests
{
    private const string Group = ImageSandbox.Group;

    private static readonly string[] ServerOwnedMetadata = ["uid", "resourceVersion", "creationTimestamp", "generation", "selfLink", "managedFields"];

    public static TheoryData<string> ImageStreams =>
    [
        "imagestream-ci-ansible-runner.yaml", "imagestream-citools894-cli-jq.yaml", "imagestream-origin5391-installable.yaml",
        "imagestream-osbs-3.9.41.json", "imagestream-partnertechdays-rhpam-businesscentral.yaml", "imagestream-rdo-aodh-api.json",
        "imagestream-status-only-ksrkw-java.yaml",
    ];

    [Theory]
    [MemberData(nameof(ImageStreams))]
    public async Task AnImageStreamComesBackAsTheServerWroteIt(string fixture)
    {
        await using var sandbox = await ImageSandbox.StartAsync();
        var stream = Read(fixture);
        // The status-only capture lost its metadata; it was `oc -n openshift get is java`.
        if (stream["metadata"] is null) stream["metadata"] = new JsonObject { ["name"] = "java", ["namespace"] = "openshift" };
        var (ns, name) = Store(sandbox, stream);

        var served = sandbox.Api.Get(Group, "imagestreams", ns, name);

        var expected = WithoutServerOwned(stream);
        foreach (var tag in expected["spec"]?["tags"] as JsonArray ?? []) (tag as JsonObject)?.Remove("generation");
        (expected["status"] as JsonObject)?.Remove("dockerImageRepository");
        (expected["status"] as JsonObject)?.Remove("publicDockerImageRepository");
        // OpenShift 3.5 listed status tags latest first (PrioritizeTags); 4.x servers sort them by name, as the
        // 4.10 capture (imagestream-status-only-ksrkw-java.yaml: "11", "8", latest, ...) shows and the sandbox does.
        if ((string?)stream["apiVersion"] == "v1" && expected["status"]?["tags"] is JsonArray legacy)
            expected["status"]!["tags"] = new JsonArray(legacy.OrderBy(t => (string?)t!["tag"], StringComparer.Ordinal).Select(t => t!.DeepClone()).ToArray());
        Fixture.AssertContains(expected, served, looseScalars: true);
    }

    [Fact]
    public async Task AnImageComesBackAsTheServerWroteIt()
    {
        await using var sandbox = await ImageSandbox.StartAsync();
        var image = Read("image-communityokd-python.json");

        sandbox.Api.Create(Group, "images", null, (JsonObject)image.DeepClone());
        var served = sandbox.Api.Get(Group, "images", null, image["metadata"]!["name"]!.GetValue<string>());

        Fixture.AssertContains(WithoutServerOwned(image), served, looseScalars: true);
    }

    [Fact]
    public async Task AnImageStreamTagReadsAsTheServerServedIt()
    {
        await using var sandbox = await ImageSandbox.StartAsync();
        var fixture = Read("imagestreamtag-rdo-aodh-api.json");
        Store(sandbox, Read("imagestream-rdo-aodh-api.json"));
        var image = (JsonObject)fixture["image"]!.DeepClone();
        image["kind"] = "Image";
        image["apiVersion"] = "image.openshift.io/v1";
        sandbox.Api.Create(Group, "images", null, image);

        var served = sandbox.Api.Get(Group, "imagestreamtags", "tripleo", "centos-binary-aodh-api:latest");

        var expected = WithoutServerOwned(fixture);
        foreach (var field in ServerOwnedMetadata) (expected["image"]!["metadata"] as JsonObject)?.Remove(field);
        (expected["metadata"] as JsonObject)?.Add("creationTimestamp", fixture["metadata"]!["creationTimestamp"]!.DeepClone());
        Fixture.AssertContains(expected, served, looseScalars: true);
    }

    [Fact]
    public async Task AnImageStreamTagCarriesTheTagsImportConditions()
    {
        await using var sandbox = await ImageSandbox.StartAsync();
        var fixture = Read("imagestreamtag-ci-ansible-runner-partial.yaml");
        var stream = Read("imagestream-ci-ansible-runner.yaml");
        var (ns, name) = Store(sandbox, stream);
        var latest = stream["status"]!["tags"]!.AsArray().Single(t => (string?)t!["tag"] == "latest")!["items"]![0]!;
        sandbox.Api.Create(Group, "images", null, new JsonObject
        {
            ["kind"] = "Image", ["apiVersion"] = "image.openshift.io/v1",
            ["metadata"] = new JsonObject { ["name"] = latest["image"]!.GetValue<string>() },
            ["dockerImageReference"] = latest["dockerImageReference"]!.GetValue<string>(),
        });

        var served = sandbox.Api.Get(Group, "imagestreamtags", ns, name + ":latest");

        Fixture.AssertContains(fixture, served, looseScalars: true);
    }

    /// <summary>
    /// The one captured error (a Go dump of the client's StatusError, origin#17969): an ImageStreamTag of a missing
    /// stream is NotFound for imagestreamtags with the stream's name, not stream:tag.
    /// </summary>
    [Fact]
    public async Task AMissingStreamsTagIsNotFoundAsTheServerSaidIt()
    {
        await using var sandbox = await ImageSandbox.StartAsync();
        var dump = Fixture.Read("status-notfound-istag-origin17969.txt");
        // The last non-empty value: Kind and APIVersion also stand, empty, in the decoded TypeMeta.
        string Field(string name) => System.Text.RegularExpressions.Regex.Matches(dump, $@"\b{name}: ""?([^"",]*)""?,")
            .Select(m => m.Groups[1].Value).Last(v => v.Length > 0);
        var message = System.Text.RegularExpressions.Regex.Match(dump, @"Message: ""(.*)"",").Groups[1].Value.Replace("\\\"", "\"");

        var error = Assert.Throws<StatusException>(() => sandbox.Api.Get(Group, "imagestreamtags", ImageSandbox.Ns, Field("Name") + ":latest"));

        var status = error.Status;
        Assert.Equal(
            (message, Field("Status"), Field("Reason"), int.Parse(Field("Code"))),
            ((string?)status["message"], (string?)status["status"], (string?)status["reason"], (int?)status["code"] ?? 0));
        Assert.Equal(
            (Field("Name"), Field("Group"), Field("Kind")),
            ((string?)status["details"]?["name"], (string?)status["details"]?["group"], (string?)status["details"]?["kind"]));
    }

    public static TheoryData<string> Imports => ["imagestreamimport-osbs-3.9.41.json", "imagestreamimport-restclientjava-origin11.json"];

    /// <summary>An import of example.com cannot run offline: what it answered must survive the sandbox's codec, as its answers are built on it.</summary>
    [Theory]
    [MemberData(nameof(Imports))]
    public void AnImageStreamImportAnswerKeepsEveryField(string fixture)
    {
        var answer = Read(fixture);

        var again = Wire.Encode(Wire.Decode<ImageStreamImport>(answer));

        Fixture.AssertContains(answer, again, looseScalars: true);
    }

    [Fact]
    public async Task ARouteComesBackAsTheServerWroteIt()
    {
        await using var sandbox = await ImageSandbox.StartAsync();
        var route = (JsonObject)Read("routelist-sjfke-crc.yaml")["items"]![0]!.DeepClone();
        var ns = route["metadata"]!["namespace"]!.GetValue<string>();
        EnsureNamespace(sandbox, ns);

        sandbox.Api.Create("route.openshift.io", "routes", ns, WithoutServerOwned(route));
        var served = sandbox.Api.Get("route.openshift.io", "routes", ns, route["metadata"]!["name"]!.GetValue<string>());

        // The apiserver stores an empty status (openshift-apiserver's routeStrategy); status.ingress is the router's
        // to write (Router/, not running here), so the spec and metadata are what must come back.
        var expected = WithoutServerOwned(route);
        expected.Remove("status");
        Fixture.AssertContains(expected, served, looseScalars: true);
        Assert.Equal("{}", served["status"]!.ToJsonString());
    }

    public static TheoryData<string> Deployments => ["deployment-bysnupy-parksmap-before-trigger.yaml", "deployment-bysnupy-parksmap-after-trigger.yaml"];

    /// <summary>Created as apps/v1 (the capture is extensions/v1beta1), the spec comes back with the same defaults; status is the controllers'.</summary>
    [Theory]
    [MemberData(nameof(Deployments))]
    public async Task ADeploymentComesBackWithTheServersDefaults(string fixture)
    {
        await using var sandbox = await ImageSandbox.StartAsync();
        var deployment = WithoutServerOwned(Read(fixture));
        deployment["apiVersion"] = "apps/v1";
        deployment.Remove("status");
        (deployment["metadata"]!["annotations"] as JsonObject)?.Remove("deployment.kubernetes.io/revision");
        var ns = deployment["metadata"]!["namespace"]!.GetValue<string>();
        EnsureNamespace(sandbox, ns);
        var bare = (JsonObject)deployment.DeepClone();
        foreach (var defaulted in new[] { "progressDeadlineSeconds", "revisionHistoryLimit", "strategy" }) bare["spec"]!.AsObject().Remove(defaulted);

        sandbox.Api.Create("apps", "deployments", ns, bare);
        var served = sandbox.Api.Get("apps", "deployments", ns, deployment["metadata"]!["name"]!.GetValue<string>());

        Fixture.AssertContains(deployment, served, looseScalars: true);
    }

    /// <summary>Stores a captured stream as the server's own writes do (imports and pushes write status too).</summary>
    private static (string Namespace, string Name) Store(ImageSandbox sandbox, JsonObject stream)
    {
        var ns = stream["metadata"]!["namespace"]?.GetValue<string>() ?? ImageSandbox.Ns;
        EnsureNamespace(sandbox, ns);
        var stored = sandbox.Api.Create(Group, "imagestreams", ns, WithoutServerOwned(stream), WriteOptions.ServerInternal);
        return (ns, stored["metadata"]!["name"]!.GetValue<string>());
    }

    private static void EnsureNamespace(ImageSandbox sandbox, string ns)
    {
        if (sandbox.Api.TryGet("", "namespaces", null, ns) is null)
            sandbox.Api.Create("", "namespaces", null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } });
    }

    private static JsonObject Read(string name)
    {
        return (JsonObject)YamlReader.ReadFirst(Fixture.Read(name))!;
    }

    private static JsonObject WithoutServerOwned(JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        // Captures from OpenShift 3 use the legacy /oapi/v1 group; the sandbox serves the API groups.
        if ((string?)copy["apiVersion"] == "v1" && (string?)copy["kind"] is not ("Status" or null)) copy["apiVersion"] = "image.openshift.io/v1";
        if (copy["metadata"] is JsonObject metadata)
            foreach (var field in ServerOwnedMetadata) metadata.Remove(field);
        return copy;
    }
}
