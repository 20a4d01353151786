using System.Collections.Concurrent;
using ImageStreamPS.OpenShift.Apps;

namespace ImageStreamPS.OpenShift.Tests.Apps;

/// <summary>
/// Get-AppRollout's reads: what depends only on the Deployment (its ReplicaSets and Pods by its selector, the
/// stream its trigger follows) is sent together with the Deployment's read when it can be told in advance (oc
/// new-app's <c>deployment=NAME</c>, or what the last read on the connection showed), and used only when the
/// Deployment asks for exactly that; so a rollout read before costs one round trip of waiting, and the answer is
/// the same as reading the Deployment first.
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

    // A Deployment like Deployment but selecting its pods by app=citas (a Deployment not made by oc new-app).
    private const string OtherSelector = "\"selector\":{\"matchLabels\":{\"app\":\"citas\"}}";

    private const string ReplicaSetOfApp = """
        {"kind":"ReplicaSetList","apiVersion":"apps/v1","metadata":{},"items":[{"metadata":{"name":"app-citas-7d9f","namespace":"myproject",
          "labels":{"app":"citas"},"annotations":{"deployment.kubernetes.io/revision":"1"},"ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment","name":"app-citas","uid":"u1","controller":true}]},
          "spec":{"replicas":1,"template":{"spec":{"containers":[{"name":"citas","image":"citas"}]}}},"status":{"replicas":1,"readyReplicas":1}}]}
        """;

    private const string EmptyReplicaSets = """{"kind":"ReplicaSetList","apiVersion":"apps/v1","metadata":{},"items":[]}""";
    private const string EmptyPods = """{"kind":"PodList","apiVersion":"v1","metadata":{},"items":[]}""";

    [Fact]
    public async Task TheReplicaSetsAndPodsOfNewAppsSelectorAreReadTogetherWithTheDeploymentAndTheStreamOnceItIsKnown()
    {
        // The Deployment, its ReplicaSets and its Pods are answered only once all three have arrived, and the stream
        // (named only by the Deployment's trigger) after the Deployment's answer: one round trip more, not two.
        using var together = new CountdownEvent(3);
        var allInFlight = new ConcurrentBag<bool>();
        using var api = new ScriptedApi(request =>
        {
            var path = request.PathAndQuery.Split('?')[0];
            var body = path switch
            {
                Apps + "/deployments/app-citas" => Deployment,
                Apps + "/replicasets" => EmptyReplicaSets,
                "/api/v1/namespaces/myproject/pods" => EmptyPods,
                "/apis/image.openshift.io/v1/namespaces/myproject/imagestreams/citas" => Stream,
                _ => null,
            };
            if (body is null) return Answer.Failure(404, "NotFound");
            if (!path.Contains("/imagestreams/", StringComparison.Ordinal))
            {
                together.Signal();
                allInFlight.Add(together.Wait(TimeSpan.FromSeconds(20)));
            }
            return Answer.Json(200, body);
        });

        var rollout = await new RolloutClient(api.NewClient()).GetAsync("myproject", "app-citas", TestContext.Current.CancellationToken);

        Assert.NotNull(rollout);
        Assert.Equal(["citas:prod"], rollout.ImageTags);
        Assert.Equal([true, true, true], allInFlight);
        Assert.Equal(4, api.Requests.Count);
        Assert.Equal(2, api.Requests.Count(r => r.PathAndQuery.Contains("labelSelector=deployment%3Dapp-citas", StringComparison.Ordinal)));
        Assert.EndsWith("/imagestreams/citas", api.Requests.Last().PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARolloutReadBeforeIsReadInOneRoundTripStreamIncluded()
    {
        var waitForAll = false;
        using var together = new CountdownEvent(4);
        var allInFlight = new ConcurrentBag<bool>();
        using var api = new ScriptedApi(request =>
        {
            var path = request.PathAndQuery.Split('?')[0];
            var body = path switch
            {
                Apps + "/deployments/app-citas" => Deployment,
                Apps + "/replicasets" => EmptyReplicaSets,
                "/api/v1/namespaces/myproject/pods" => EmptyPods,
                "/apis/image.openshift.io/v1/namespaces/myproject/imagestreams/citas" => Stream,
                _ => null,
            };
            if (body is null) return Answer.Failure(404, "NotFound");
            if (Volatile.Read(ref waitForAll))
            {
                together.Signal();
                allInFlight.Add(together.Wait(TimeSpan.FromSeconds(20)));
            }
            return Answer.Json(200, body);
        });
        var client = api.NewClient();
        var first = await new RolloutClient(client).GetAsync("myproject", "app-citas", TestContext.Current.CancellationToken);
        Volatile.Write(ref waitForAll, true);

        var again = await new RolloutClient(client).GetAsync("myproject", "app-citas", TestContext.Current.CancellationToken);

        Assert.Equal([true, true, true, true], allInFlight);
        Assert.Equal(8, api.Requests.Count);
        Assert.Equal(first!.ImageTags, again!.ImageTags);
        Assert.Equal(["citas:prod"], again.ImageTags);
    }

    [Fact]
    public async Task ReadsAheadWithAnotherSelectorAreNotUsedTheListsAreReadAgainWithTheDeploymentsOwn()
    {
        // The guess (oc new-app's deployment=app-citas) finds nothing here; the Deployment selects app=citas, and
        // the result is what reading the Deployment first gives: its ReplicaSet.
        using var api = new ScriptedApi(request =>
        {
            var path = request.PathAndQuery.Split('?')[0];
            var byApp = request.PathAndQuery.Contains("labelSelector=app%3Dcitas", StringComparison.Ordinal);
            var body = path switch
            {
                Apps + "/deployments/app-citas" => Deployment.Replace("\"selector\":{\"matchLabels\":{\"deployment\":\"app-citas\"}}", OtherSelector, StringComparison.Ordinal),
                Apps + "/replicasets" => byApp ? ReplicaSetOfApp : EmptyReplicaSets,
                "/api/v1/namespaces/myproject/pods" => EmptyPods,
                "/apis/image.openshift.io/v1/namespaces/myproject/imagestreams/citas" => Stream,
                _ => null,
            };
            return body is null ? Answer.Failure(404, "NotFound") : Answer.Json(200, body);
        });
        var client = api.NewClient();

        var rollout = await new RolloutClient(client).GetAsync("myproject", "app-citas", TestContext.Current.CancellationToken);

        Assert.Equal(["app-citas-7d9f"], rollout!.ReplicaSets.Select(r => r.Name));
        Assert.Equal(2, api.Requests.Count(r => r.PathAndQuery.Contains("labelSelector=app%3Dcitas", StringComparison.Ordinal)));

        // The next read asks for the Deployment's own selector from the start: four requests, the same answer.
        var before = api.Requests.Count;
        var again = await new RolloutClient(client).GetAsync("myproject", "app-citas", TestContext.Current.CancellationToken);
        Assert.Equal(4, api.Requests.Count - before);
        Assert.Equal(["app-citas-7d9f"], again!.ReplicaSets.Select(r => r.Name));
    }
}
