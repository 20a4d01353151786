namespace ImageStreamPS.Sandbox.Tests.Http;

/// <summary>
/// project.openshift.io projectrequests as openshift-apiserver serves them
/// (<c>pkg/project/apiserver/registry/projectrequest/delegated</c>): a list answers the Status
/// <c>oc new-project</c> decodes to learn that the user may request projects, and a create answers
/// with the Project, carrying the display name, description and requester.
/// </summary>
public sealed class ProjectRequestTests(RunningSandbox sandbox) : IClassFixture<RunningSandbox>
{
    private const string ProjectRequests = "/apis/project.openshift.io/v1/projectrequests";

    [Fact]
    public async Task ListingProjectRequestsAnswersSuccessStatus_DelegatedList()
    {
        var (status, body) = await sandbox.Get(ProjectRequests);

        Assert.Equal(200, status);
        Assert.Equal(("Status", "v1", "Success"), (body!["kind"]!.GetValue<string>(), body["apiVersion"]!.GetValue<string>(), body["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task CreatingAProjectRequestAnswersTheProjectWithItsAnnotations()
    {
        var (status, project) = await sandbox.Send(HttpMethod.Post, ProjectRequests,
            """{"kind":"ProjectRequest","apiVersion":"project.openshift.io/v1","metadata":{"name":"requested"},"displayName":"Requested","description":"made by a request"}""");

        Assert.Equal(201, status);
        Assert.Equal(("Project", "project.openshift.io/v1", "requested"), (project!["kind"]!.GetValue<string>(), project["apiVersion"]!.GetValue<string>(), project["metadata"]!["name"]!.GetValue<string>()));
        var annotations = project["metadata"]!["annotations"]!;
        Assert.Equal(("Requested", "made by a request", "developer"),
            (annotations["openshift.io/display-name"]!.GetValue<string>(), annotations["openshift.io/description"]!.GetValue<string>(), annotations["openshift.io/requester"]!.GetValue<string>()));
        Assert.Equal(200, (await sandbox.Get("/apis/project.openshift.io/v1/projects/requested")).Status);
        Assert.Equal(200, (await sandbox.Get("/api/v1/namespaces/requested")).Status);
    }

    [Fact]
    public async Task RequestingAProjectThatExistsIsAlreadyExists()
    {
        await sandbox.Send(HttpMethod.Post, ProjectRequests, """{"metadata":{"name":"twice"}}""");
        var (status, body) = await sandbox.Send(HttpMethod.Post, ProjectRequests, """{"metadata":{"name":"twice"}}""");

        Assert.Equal(409, status);
        Assert.Equal("AlreadyExists", body!["reason"]!.GetValue<string>());
    }
}
