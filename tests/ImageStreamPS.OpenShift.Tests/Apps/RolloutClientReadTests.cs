using System.Collections.Concurrent;
using ImageStreamPS.OpenShift.Apps;

namespace ImageStreamPS.OpenShift.Tests.Apps;

/// <summary>
/// Get-AppRollout's reads: the workload first, then what depends only on it (its ReplicaSets, its Pods,
/// the stream its trigger follows) all in flight at once, so a rollout costs two round trips of waiting.
/// </summary>
public class RolloutClientReadTests
{
    private const string Apps = "/apis/apps/v1/namespaces/myproject";
    private const string Digest = "sha256:42b6ff31b8a86e292f5d4aec63eb074144fc134a427d465c77c641e836467a85";

    private const string Deployment = $$$$"""
        {"apiVersion":"apps/v1","kind":"Deployment",
         "metadata":{"name":"app-citas","namespace":"myproject","uid":"u1","generation":1,"resourceVersion":"5",
           "annotations":{"image.openshift.io/triggers":"[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"citas:prod\"},\"fieldPath\":\"spec.template.spec.containers[?(@.name==\\\"citas\\\")].image\"}]"}},
         "spec":{"replicas":1,"selector":{"matchLabels":{"deployment":"app-citas"}},
           "template":{"spec":{"containers":[{"name":"citas","image":"image-registry.openshift-image-registry.svc:5000/myproject/citas@{{{{Digest}}}}"}]}}},
         "status":{"observedGeneration":1,"replicas":1,"updatedReplicas":1,"availableReplicas":1,"readyReplicas":1}}
        """;

    private const string Stream = $$$$"""
        {"kind":"ImageStream","apiVersion":"image.openshift.io/v1","metadata":{"name":"citas","namespace":"myproject","resourceVersion":"3"},
         "spec":{"lookupPolicy":{"local":false},"tags":[{"name":"prod","from":{"kind":"DockerImage","name":"docker.io/josedom24/citas-backend:v1"}}]},
         "status":{"dockerImageRepository":"image-registry.openshift-image-registry.svc:5000/myproject/citas",
           "tags":[{"tag":"prod","items":[{"created":"2026-01-01T00:00:00Z","dockerImageReference":"docker.io/josedom24/citas-backend@{{{{Digest}}}}","image":"{{{{Digest}}}}","generation":1}]}]}}
        """;

    [Fact]
    public async Task TheReplicaSetsPodsAndFollowedStreamAreReadTogetherOnceTheDeploymentIsKnown()
    {
        // The three dependent reads are answered only once all three have arrived: read one after another, they never would.
        using var together = new CountdownEvent(3);
        var allInFlight = new ConcurrentBag<bool>();
        using var api = new ScriptedApi(request =>
        {
            var path = request.PathAndQuery.Split('?')[0];
            if (path == Apps + "/deployments/app-citas") return Answer.Json(200, Deployment);
            var body = path switch
            {
                Apps + "/replicasets" => """{"kind":"ReplicaSetList","apiVersion":"apps/v1","metadata":{},"items":[]}""",
                "/api/v1/namespaces/myproject/pods" => """{"kind":"PodList","apiVersion":"v1","metadata":{},"items":[]}""",
                "/apis/image.openshift.io/v1/namespaces/myproject/imagestreams/citas" => Stream,
                _ => null,
            };
            if (body is null) return Answer.Failure(404, "NotFound");
            together.Signal();
            allInFlight.Add(together.Wait(TimeSpan.FromSeconds(20)));
            return Answer.Json(200, body);
        });

        var rollout = await new RolloutClient(api.NewClient()).GetAsync("myproject", "app-citas", TestContext.Current.CancellationToken);

        Assert.NotNull(rollout);
        Assert.Equal(["citas:prod"], rollout.ImageTags);
        Assert.Equal([true, true, true], allInFlight);
        Assert.Equal(4, api.Requests.Count);
        Assert.StartsWith(Apps + "/deployments/app-citas", api.Requests.First().PathAndQuery, StringComparison.Ordinal);
    }
}
