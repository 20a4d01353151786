namespace ImageStreamPS.Sandbox.Tests.Http;

/// <summary>
/// What <c>oc get all -l app=NAME</c> and <c>oc delete all -l app=NAME</c> need from the server, as
/// kube-apiserver serves it: label-selected lists of Services and Routes, and DELETE of a Service
/// answering with the Service (kubernetes <c>pkg/registry/core/service/storage</c> sets the store's
/// <c>ReturnDeletedObject</c>), which is what clients generated from the OpenAPI document decode.
/// </summary>
public sealed class AppObjectsApiTests(RunningSandbox sandbox) : IClassFixture<RunningSandbox>
{
    private const string Services = "/api/v1/namespaces/myproject/services";
    private const string Routes = "/apis/route.openshift.io/v1/namespaces/myproject/routes";

    private static string Service(string name, string app) => $$$"""
        {"apiVersion":"v1","kind":"Service","metadata":{"name":"{{{name}}}","labels":{"app":"{{{app}}}"}},
         "spec":{"selector":{"deployment":"{{{name}}}"},"ports":[{"name":"10000-tcp","port":10000,"targetPort":10000}]} }
        """;

    private static string Route(string name, string app) => $$$"""
        {"apiVersion":"route.openshift.io/v1","kind":"Route","metadata":{"name":"{{{name}}}","labels":{"app":"{{{app}}}"}},
         "spec":{"to":{"kind":"Service","name":"{{{name}}}"},"port":{"targetPort":"10000-tcp"} } }
        """;

    [Fact]
    public async Task DeletingAServiceAnswersWithTheDeletedService_ReturnDeletedObject()
    {
        Assert.Equal(201, (await sandbox.Send(HttpMethod.Post, Services, Service("svc-deleted", "gone"))).Status);

        var (status, body) = await sandbox.Send(HttpMethod.Delete, Services + "/svc-deleted");

        Assert.Equal(200, status);
        Assert.Equal(("Service", "svc-deleted"), (body!["kind"]!.GetValue<string>(), body["metadata"]!["name"]!.GetValue<string>()));
        Assert.Equal(404, (await sandbox.Get(Services + "/svc-deleted")).Status);
    }

    [Fact]
    public async Task ServicesAndRoutesListByTheAppLabel()
    {
        await sandbox.Send(HttpMethod.Post, Services, Service("svc-a", "listed"));
        await sandbox.Send(HttpMethod.Post, Services, Service("svc-b", "other"));
        await sandbox.Send(HttpMethod.Post, Routes, Route("svc-a", "listed"));
        await sandbox.Send(HttpMethod.Post, Routes, Route("svc-b", "other"));

        var (_, services) = await sandbox.Get(Services + "?labelSelector=app%3Dlisted");
        var (_, routes) = await sandbox.Get(Routes + "?labelSelector=app%3Dlisted");

        Assert.Equal("ServiceList", services!["kind"]!.GetValue<string>());
        Assert.Equal(["svc-a"], services["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()));
        Assert.Equal("RouteList", routes!["kind"]!.GetValue<string>());
        Assert.Equal(["svc-a"], routes["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()));
    }
}
