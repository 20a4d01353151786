using ImageStreamPS.OpenShift.Apps;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Tests.Apps;

public class RolloutClientWaitTests
{
    private const string V1 = "docker.io/josedom24/citas-backend@sha256:42b6ff31b8a86e292f5d4aec63eb074144fc134a427d465c77c641e836467a85";
    private const string V2 = "docker.io/josedom24/citas-backend@sha256:eae3f65c7760f3834cd08affead4c8972534948b4c73156485e89ea8b9d6ed2d";

    private static V1Deployment Deployment(string image, long generation, long observed, int updated, int available, string resourceVersion, string? progressingReason = null) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = new V1ObjectMeta
        {
            Name = "app-citas", NamespaceProperty = "myproject", Uid = "u1", Generation = generation, ResourceVersion = resourceVersion,
            Annotations = new Dictionary<string, string> { ["deployment.kubernetes.io/revision"] = generation.ToString() },
        },
        Spec = new V1DeploymentSpec
        {
            Replicas = 1,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["deployment"] = "app-citas" } },
            Template = new V1PodTemplateSpec { Spec = new V1PodSpec { Containers = [new V1Container { Name = "citas", Image = image }] } },
        },
        Status = new V1DeploymentStatus
        {
            ObservedGeneration = observed, Replicas = Math.Max(updated, 1), UpdatedReplicas = updated, AvailableReplicas = available, ReadyReplicas = available,
            Conditions = progressingReason is null ? null : [new V1DeploymentCondition { Type = "Progressing", Status = "False", Reason = progressingReason }],
        },
    };

    [Fact]
    public async Task WaitFollowsTheWatchFromTheVersionReadAndReturnsTheCompleteRollout()
    {
        using var api = new FakeAppsApi(Deployment(V2, 2, 1, 0, 0, "10"));
        var seen = new List<string>();
        var waiting = new RolloutClient(api.Client).WaitAsync("myproject", "app-citas", TimeSpan.FromMinutes(1), null, r => seen.Add(r.State.Message), TestContext.Current.CancellationToken);

        await api.WatchOpened.WaitAsync(TestContext.Current.CancellationToken);
        api.Push("MODIFIED", Deployment(V2, 2, 2, 1, 0, "11"));
        api.Push("MODIFIED", Deployment(V2, 2, 2, 1, 1, "12"));
        var rollout = await waiting;

        Assert.Equal(RolloutStatus.Complete, rollout.State.Status);
        Assert.Equal(V2, rollout.Image);
        Assert.Equal(
            ["Waiting for deployment spec update to be observed...",
             "Waiting for deployment \"app-citas\" rollout to finish: 0 of 1 updated replicas are available...",
             "deployment \"app-citas\" successfully rolled out"],
            seen);
        var watch = Assert.Single(api.Requests, r => r.Contains("watch=true"));
        Assert.Contains("fieldSelector=metadata.name%3Dapp-citas", watch);
        Assert.Contains("resourceVersion=10", watch);
        // No polling: the object is read once before the watch and once for the final answer.
        Assert.Equal(2, api.Count("/apis/apps/v1/namespaces/myproject/deployments/app-citas"));
    }

    [Fact]
    public async Task AnAlreadyCompleteRolloutReturnsWithoutWatching()
    {
        using var api = new FakeAppsApi(Deployment(V1, 1, 1, 1, 1, "5"));

        var rollout = await new RolloutClient(api.Client).WaitAsync("myproject", "app-citas", TimeSpan.FromMinutes(1), null, null, TestContext.Current.CancellationToken);

        Assert.Equal(RolloutStatus.Complete, rollout.State.Status);
        Assert.DoesNotContain(api.Requests, r => r.Contains("watch=true"));
    }

    [Fact]
    public async Task AConditionKeepsWaitingThroughAnOldCompleteStateUntilTheNewImageRollsOut()
    {
        using var api = new FakeAppsApi(Deployment(V1, 1, 1, 1, 1, "5"));
        var waiting = new RolloutClient(api.Client).WaitAsync(
            "myproject", "app-citas", TimeSpan.FromMinutes(1), r => r.Image == V2, null, TestContext.Current.CancellationToken);

        await api.WatchOpened.WaitAsync(TestContext.Current.CancellationToken);
        api.Push("MODIFIED", Deployment(V2, 2, 1, 1, 1, "6"));
        api.Push("MODIFIED", Deployment(V2, 2, 2, 1, 1, "7"));
        var rollout = await waiting;

        Assert.Equal((RolloutStatus.Complete, V2, 2L), (rollout.State.Status, rollout.Image, rollout.Revision));
    }

    [Fact]
    public async Task ProgressDeadlineExceededEndsTheWaitAsFailed()
    {
        using var api = new FakeAppsApi(Deployment(V2, 2, 2, 1, 0, "5"));
        var waiting = new RolloutClient(api.Client).WaitAsync("myproject", "app-citas", TimeSpan.FromMinutes(1), null, null, TestContext.Current.CancellationToken);

        await api.WatchOpened.WaitAsync(TestContext.Current.CancellationToken);
        api.Push("MODIFIED", Deployment(V2, 2, 2, 1, 0, "6", progressingReason: "ProgressDeadlineExceeded"));
        var rollout = await waiting;

        Assert.Equal(RolloutStatus.Failed, rollout.State.Status);
        Assert.Equal("deployment \"app-citas\" exceeded its progress deadline", rollout.State.Message);
    }

    [Fact]
    public async Task ATimeoutNamesThePodThatHoldsTheRolloutBack()
    {
        using var api = new FakeAppsApi(Deployment("nowhere.invalid/none@sha256:00", 2, 2, 1, 0, "5"));
        api.ReplicaSets.Add(new V1ReplicaSet
        {
            Metadata = new V1ObjectMeta
            {
                Name = "app-citas-6d4cf56db6", Uid = "rs",
                OwnerReferences = [new V1OwnerReference { Kind = "Deployment", Name = "app-citas", Uid = "u1", Controller = true, ApiVersion = "apps/v1" }],
            },
            Spec = new V1ReplicaSetSpec { Replicas = 1, Selector = new V1LabelSelector() },
        });
        api.Pods.Add(new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = "app-citas-6d4cf56db6-x2x9z",
                OwnerReferences = [new V1OwnerReference { Kind = "ReplicaSet", Name = "app-citas-6d4cf56db6", Uid = "rs", Controller = true, ApiVersion = "apps/v1" }],
            },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "citas", Image = "nowhere.invalid/none@sha256:00" }] },
            Status = new V1PodStatus
            {
                Phase = "Pending",
                ContainerStatuses = [new V1ContainerStatus { Name = "citas", Image = "x", ImageID = "", Ready = false, State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "ImagePullBackOff", Message = "Back-off pulling image" } } }],
            },
        });

        var failure = await Assert.ThrowsAsync<RolloutTimeoutException>(() =>
            new RolloutClient(api.Client).WaitAsync("myproject", "app-citas", TimeSpan.FromMilliseconds(300), null, null, TestContext.Current.CancellationToken));

        Assert.StartsWith("Timed out after 0.3s waiting for deployment \"app-citas\" to roll out.", failure.Message);
        Assert.Contains("0 of 1 updated replicas are available", failure.Message);
        Assert.EndsWith("pod \"app-citas-6d4cf56db6-x2x9z\" is ImagePullBackOff: Back-off pulling image.", failure.Message);
        Assert.Equal("ImagePullBackOff", Assert.Single(failure.LastSeen.Pods).Status);
        Assert.Equal(RolloutStatus.Progressing, failure.LastSeen.State.Status);
    }

    // kubectl rollout status waits with watchtools.UntilWithSync, an informer: when its watch ends the
    // reflector (client-go tools/cache (*Reflector).ListAndWatch) lists again and watches from there.
    [Fact]
    public async Task ADroppedWatchIsFollowedByAReadAndAWatchFromWhatWasRead()
    {
        using var api = new FakeAppsApi(Deployment(V2, 2, 1, 0, 0, "10"));
        var waiting = new RolloutClient(api.Client).WaitAsync("myproject", "app-citas", TimeSpan.FromMinutes(1), null, null, TestContext.Current.CancellationToken);

        await api.NextWatchOpened(TestContext.Current.CancellationToken);
        // An update the client never hears of: the connection drops before the event is sent.
        api.Deployment = Deployment(V2, 2, 2, 1, 0, "11");
        api.DropWatch();
        await api.NextWatchOpened(TestContext.Current.CancellationToken);
        api.Push("MODIFIED", Deployment(V2, 2, 2, 1, 1, "12"));
        var rollout = await waiting;

        Assert.Equal(RolloutStatus.Complete, rollout.State.Status);
        var watches = api.Requests.Where(r => r.Contains("watch=true")).ToList();
        Assert.Equal(2, watches.Count);
        Assert.Contains("resourceVersion=10", watches[0]);
        Assert.Contains("resourceVersion=11", watches[1]);
    }

    // client-go's reflector (tools/cache (*Reflector).watch) keeps a BOOKMARK's resourceVersion and watches on
    // from it when the server ends a watch; the objects already read stay as they were read.
    [Fact]
    public async Task AWatchThatEndsAfterABookmarkGoesOnFromTheBookmarkAndLeavesWhatWasReadAsItWas()
    {
        using var api = new FakeAppsApi(Deployment(V2, 2, 1, 0, 0, "10"));
        var seen = new List<Rollout>();
        var waiting = new RolloutClient(api.Client).WaitAsync("myproject", "app-citas", TimeSpan.FromMinutes(1), null, seen.Add, TestContext.Current.CancellationToken);

        await api.NextWatchOpened(TestContext.Current.CancellationToken);
        api.Push("MODIFIED", Deployment(V2, 2, 2, 1, 0, "11"));
        api.PushBookmark("50");
        api.EndWatch();
        await api.NextWatchOpened(TestContext.Current.CancellationToken);
        api.Push("MODIFIED", Deployment(V2, 2, 2, 1, 1, "51"));
        var rollout = await waiting;

        Assert.Equal(RolloutStatus.Complete, rollout.State.Status);
        var watches = api.Requests.Where(r => r.Contains("watch=true")).ToList();
        Assert.Equal(2, watches.Count);
        Assert.Contains("resourceVersion=10", watches[0]);
        Assert.Contains("resourceVersion=50", watches[1]);
        Assert.All(seen.Where(r => r.ResourceVersion == "11"), r => Assert.Equal("11", r.Manifest!["metadata"]!["resourceVersion"]!.GetValue<string>()));
        Assert.Contains(seen, r => r.ResourceVersion == "11");
    }

    [Fact]
    public async Task AServerThatRestartsIsReadAgainUntilItAnswersAndTheWaitGoesOn()
    {
        using var api = new FakeAppsApi(Deployment(V2, 2, 1, 0, 0, "10"));
        var waiting = new RolloutClient(api.Client).WaitAsync("myproject", "app-citas", TimeSpan.FromMinutes(1), null, null, TestContext.Current.CancellationToken);

        await api.NextWatchOpened(TestContext.Current.CancellationToken);
        api.FailReads = 3;
        api.DropWatch();
        await api.NextWatchOpened(TestContext.Current.CancellationToken);
        api.Push("MODIFIED", Deployment(V2, 2, 2, 1, 1, "11"));
        var rollout = await waiting;

        Assert.Equal(RolloutStatus.Complete, rollout.State.Status);
        Assert.Equal(0, api.FailReads);
        // The first read, three reset while the server was away, the one that found it back, the final read.
        Assert.Equal(6, api.Count("/apis/apps/v1/namespaces/myproject/deployments/app-citas"));
    }

    [Fact]
    public async Task CancellingStopsTheWaitAsCancelledNotTimedOut()
    {
        using var api = new FakeAppsApi(Deployment(V2, 2, 2, 0, 0, "5"));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var waiting = new RolloutClient(api.Client).WaitAsync("myproject", "app-citas", TimeSpan.FromMinutes(5), null, _ => stop.CancelAfter(100), stop.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task AMissingDeploymentIsNotFound()
    {
        using var api = new FakeAppsApi(Deployment(V1, 1, 1, 1, 1, "5"));

        await Assert.ThrowsAsync<RolloutNotFoundException>(() =>
            new RolloutClient(api.Client).WaitAsync("myproject", "other", TimeSpan.FromMinutes(1), null, null, TestContext.Current.CancellationToken));
    }
}
