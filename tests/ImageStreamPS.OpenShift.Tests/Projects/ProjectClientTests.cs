using ImageStreamPS.OpenShift.Connection;
using ImageStreamPS.OpenShift.Projects;

namespace ImageStreamPS.OpenShift.Tests.Projects;

/// <summary>
/// oc's project rules (openshift/oc <c>pkg/cli/project</c> <c>ConfirmProjectAccess</c> and
/// <c>GetProjects</c>, <c>pkg/cli/requestproject</c> <c>RequestProjectOptions.Run</c>) against a
/// scripted server: OpenShift, and plain Kubernetes where the project API is missing.
/// </summary>
public class ProjectClientTests
{
    // What a cluster without the requested API answers: 404 naming no object.
    private static readonly Answer NoSuchResource = Answer.Failure(404, "NotFound", "the server could not find the requested resource");

    private static string Status(int code, string reason, string message, string name, string group, string kind) =>
        $$$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"{{{message.Replace("\"", "\\\"")}}}","reason":"{{{reason}}}","details":{"name":"{{{name}}}","group":"{{{group}}}","kind":"{{{kind}}}"},"code":{{{code}}}}""";

    /// <summary>A server that answers the given <c>METHOD /path</c> (query left out) and 404 for any other.</summary>
    private static ScriptedApi Api(params (string Request, int Status, string Body)[] answers)
    {
        var scripted = answers.ToDictionary(a => a.Request, a => Answer.Json(a.Status, a.Body));
        return new ScriptedApi(r => scripted.TryGetValue(r.Method + " " + r.PathAndQuery.Split('?')[0], out var answer) ? answer : NoSuchResource);
    }

    private static List<string> Seen(ScriptedApi api) =>
        api.Requests.Select(r => r.Method + " " + r.PathAndQuery.Split('?')[0] + (r.Body.Length == 0 ? "" : " " + r.Body)).ToList();

    private const string Projects = "/apis/project.openshift.io/v1/projects";
    private const string ProjectRequests = "/apis/project.openshift.io/v1/projectrequests";
    private const string Namespaces = "/api/v1/namespaces";

    private static string Project(string name, string? display = null)
    {
        var annotations = display is null ? "{}" : $$"""{"openshift.io/display-name":"{{display}}","openshift.io/requester":"developer"}""";
        return $$$"""{"kind":"Project","apiVersion":"project.openshift.io/v1","metadata":{"name":"{{{name}}}","annotations":{{{annotations}}}},"status":{"phase":"Active"}}""";
    }

    private static string Namespace(string name) =>
        $$$"""{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"{{{name}}}"},"spec":{"finalizers":["kubernetes"]},"status":{"phase":"Active"}}""";

    [Fact]
    public async Task GetReadsTheProject()
    {
        using var api = Api(("GET " + Projects + "/citas", 200, Project("citas", "Citas")));

        var project = await new ProjectClient(api.NewClient()).GetAsync("citas", TestContext.Current.CancellationToken);

        Assert.Equal(("citas", "Citas", "Active", "developer"), (project.Name, project.DisplayName, project.Phase, project.Requester));
        Assert.Equal("Citas (citas)", project.DisplayText);
        Assert.Equal(["GET " + Projects + "/citas"], Seen(api));
    }

    [Fact]
    public async Task GetFallsBackToTheNamespaceWhenTheProjectApiIsMissing_ConfirmProjectAccess()
    {
        using var api = Api(("GET " + Namespaces + "/citas", 200, Namespace("citas")));

        var project = await new ProjectClient(api.NewClient()).GetAsync("citas", TestContext.Current.CancellationToken);

        Assert.Equal(("citas", "Active", "citas"), (project.Name, project.Phase, project.DisplayText));
        Assert.Equal("Namespace", project.Manifest["kind"]!.GetValue<string>());
        Assert.Equal(["GET " + Projects + "/citas", "GET " + Namespaces + "/citas"], Seen(api));
    }

    [Fact]
    public async Task GetOfAMissingProjectThrowsTheProjectsNotFoundNotTheNamespaces()
    {
        using var api = Api(
            ("GET " + Projects + "/ghost", 404, Status(404, "NotFound", "projects.project.openshift.io \"ghost\" not found", "ghost", "project.openshift.io", "projects")),
            ("GET " + Namespaces + "/ghost", 403, Status(403, "Forbidden", "namespaces \"ghost\" is forbidden", "ghost", "", "namespaces")));

        var failure = await Assert.ThrowsAsync<OpenShiftApiException>(() => new ProjectClient(api.NewClient()).GetAsync("ghost", TestContext.Current.CancellationToken));

        Assert.Equal(("NotFound", "projects", "ghost"), (failure.Reason, failure.Kind, failure.Name));
    }

    [Fact]
    public async Task ListSortsProjectsByName_SortByProjectName()
    {
        using var api = Api(("GET " + Projects, 200,
            $$"""{"kind":"ProjectList","apiVersion":"project.openshift.io/v1","metadata":{},"items":[{{Project("zeta")}},{{Project("Alpha")}},{{Project("beta")}}]}"""));

        var projects = await new ProjectClient(api.NewClient()).ListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["Alpha", "beta", "zeta"], projects.Select(p => p.Name));
    }

    [Fact]
    public async Task ListFallsBackToNamespacesWhenProjectsAreForbidden_GetProjects()
    {
        using var api = Api(
            ("GET " + Projects, 403, Answer.Failure(403, "Forbidden", "projects.project.openshift.io is forbidden").Body),
            ("GET " + Namespaces, 200, $$"""{"kind":"NamespaceList","apiVersion":"v1","metadata":{},"items":[{{Namespace("web")}},{{Namespace("db")}}]}"""));

        var projects = await new ProjectClient(api.NewClient()).ListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["db", "web"], projects.Select(p => p.Name));
    }

    [Fact]
    public async Task RequestChecksProjectRequestsThenPostsTheRequest_RequestProjectOptionsRun()
    {
        using var api = Api(
            ("GET " + ProjectRequests, 200, """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success"}"""),
            ("POST " + ProjectRequests, 201, Project("citas-dev", "Citas dev")));

        var project = await new ProjectClient(api.NewClient()).RequestAsync("citas-dev", "Citas dev", "the dev stage", TestContext.Current.CancellationToken);

        Assert.Equal("Citas dev", project.DisplayName);
        var requests = Seen(api);
        Assert.Equal("GET " + ProjectRequests, requests[0]);
        Assert.StartsWith("POST " + ProjectRequests + " ", requests[1]);
        var body = System.Text.Json.Nodes.JsonNode.Parse(requests[1][(("POST " + ProjectRequests).Length + 1)..])!;
        Assert.Equal(("ProjectRequest", "project.openshift.io/v1", "citas-dev", "Citas dev", "the dev stage"),
            (body["kind"]!.GetValue<string>(), body["apiVersion"]!.GetValue<string>(), body["metadata"]!["name"]!.GetValue<string>(),
             body["displayName"]!.GetValue<string>(), body["description"]!.GetValue<string>()));
    }

    [Fact]
    public async Task RequestThatTheServerForbidsSendsNoProjectRequest()
    {
        using var api = Api(("GET " + ProjectRequests, 403, Answer.Failure(403, "Forbidden", "You may not request a new project via this API.").Body));

        var failure = await Assert.ThrowsAsync<OpenShiftApiException>(() =>
            new ProjectClient(api.NewClient()).RequestAsync("citas-dev", null, null, TestContext.Current.CancellationToken));

        Assert.Equal(("Forbidden", "You may not request a new project via this API."), (failure.Reason, failure.Message));
        Assert.Equal(["GET " + ProjectRequests], Seen(api));
    }

    [Fact]
    public async Task RequestCreatesTheNamespaceOnPlainKubernetes()
    {
        using var api = Api(("POST " + Namespaces, 201,
            """{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"citas-dev","annotations":{"openshift.io/display-name":"Citas dev"}},"status":{"phase":"Active"}}"""));

        var project = await new ProjectClient(api.NewClient()).RequestAsync("citas-dev", "Citas dev", null, TestContext.Current.CancellationToken);

        Assert.Equal(("citas-dev", "Citas dev"), (project.Name, project.DisplayName));
        var requests = Seen(api);
        Assert.Equal(2, requests.Count);
        Assert.Contains("\"openshift.io/display-name\":\"Citas dev\"", requests[1]);
    }

    [Theory]
    [InlineData("citas-dev", null)]
    [InlineData("ab", null)]
    [InlineData("a", "must be at least 2 characters long")]
    [InlineData("Citas", "a lowercase RFC 1123 label")]
    [InlineData("citas_dev", "a lowercase RFC 1123 label")]
    [InlineData("-citas", "a lowercase RFC 1123 label")]
    public void ValidateNameFollowsValidateProjectName(string name, string? problem)
    {
        var message = ProjectClient.ValidateName(name);
        if (problem is null) Assert.Null(message);
        else Assert.Contains(problem, message);
    }

    [Fact]
    public void ANameLongerThan63CharactersIsInvalid() =>
        Assert.Contains("no more than 63 characters", ProjectClient.ValidateName(new string('a', 64)));

    [Fact]
    public async Task AnInvalidNameIsRejectedBeforeAnyRequest()
    {
        using var api = Api();
        await Assert.ThrowsAsync<ArgumentException>(() => new ProjectClient(api.NewClient()).RequestAsync("Bad_Name", null, null, TestContext.Current.CancellationToken));
        Assert.Empty(Seen(api));
    }
}
