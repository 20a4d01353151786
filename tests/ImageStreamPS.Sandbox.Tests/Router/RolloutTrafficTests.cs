using k8s;
using System.Collections.Concurrent;
using System.Diagnostics;
using static ImageStreamPS.Sandbox.Tests.Router.RouterSandbox;

namespace ImageStreamPS.Sandbox.Tests.Router;

/// <summary>
/// Traffic follows readiness: with Pods that take a while to start (--pod-start-delay), the router
/// only ever sends a request to a Pod the Endpoints list as ready (openshift/router builds its servers
/// from the Endpoints' addresses, never notReadyAddresses), so a rollout under load drops nothing.
/// </summary>
public sealed class RolloutTrafficTests : IAsyncLifetime
{
    private static readonly TimeSpan StartDelay = TimeSpan.FromSeconds(3);
    private RouterSandbox _sandbox = null!;

    public async ValueTask InitializeAsync() => _sandbox = await StartAsync(StartDelay);

    public ValueTask DisposeAsync() => _sandbox.DisposeAsync();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARouteWhosePodIsStillStartingAnswers503ThenThePodOnceReady()
    {
        await _sandbox.CreateNamespaceAsync("starting");
        await _sandbox.DeployAsync("starting", "app-citas", Reference(V1));
        var route = await _sandbox.ExposeAsync("starting", "app-citas");

        var first = await _sandbox.GetAsync(route.Url + "/version");
        var ready = await Eventually(async () => await _sandbox.GetAsync(route.Url + "/version") is { Status: 200 } r ? r : null, "the route answers once the pod is ready");

        Assert.Equal(503, first.Status);
        Assert.Equal("v1", ready.Body);
        Assert.Equal(0, _sandbox.Router.Statistics.RefusedNotStarted);
    }

    [Fact]
    public async Task DuringARolloutUnderLoadNoRequestReachesAPodThatIsNotReady()
    {
        await _sandbox.CreateNamespaceAsync("rolling");
        await _sandbox.DeployAsync("rolling", "app-citas", Reference(V1));
        await _sandbox.WaitForReadyAddressesAsync("rolling", "app-citas", 1);
        var url = (await _sandbox.ExposeAsync("rolling", "app-citas")).Url + "/version";

        var answers = new ConcurrentQueue<(TimeSpan At, int Status, string Body)>();
        var clock = Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        async Task Hammer()
        {
            while (!stop.IsCancellationRequested)
            {
                var answer = await _sandbox.GetAsync(url);
                answers.Enqueue((clock.Elapsed, answer.Status, answer.Body));
            }
        }
        var hammers = Enumerable.Range(0, 3).Select(_ => Task.Run(Hammer, CancellationToken.None)).ToList();

        await Eventually(() => Task.FromResult(answers.Count(a => a.Body == "v1") >= 20 ? "" : null), "the route answers v1 under load");
        var moved = clock.Elapsed;
        await _sandbox.SetImageAsync("rolling", "app-citas", Reference(V2));
        // Done when the rollout is complete and only v2 has answered for a while.
        await Eventually(async () =>
        {
            var deployment = await _sandbox.Client.AppsV1.ReadNamespacedDeploymentAsync("app-citas", "rolling", cancellationToken: Cancel);
            var complete = deployment.Status.UpdatedReplicas == 1 && deployment.Status.Replicas == 1 && deployment.Status.AvailableReplicas == 1;
            var recent = answers.Where(a => a.At > clock.Elapsed - TimeSpan.FromMilliseconds(300)).ToList();
            return complete && recent.Count > 0 && recent.All(a => a.Body == "v2") ? "" : null;
        }, "the rollout to v2 completes and the route answers only v2");
        await stop.CancelAsync();
        await Task.WhenAll(hammers);

        var all = answers.ToList();
        Assert.All(all, a => Assert.Equal(200, a.Status));
        Assert.All(all, a => Assert.Contains(a.Body, new[] { "v1", "v2" }));
        // The new Pod took StartDelay to get ready: the route went on answering v1 all that time.
        var v1WhileStarting = all.Count(a => a.At > moved && a.Body == "v1");
        Assert.True(v1WhileStarting > 10, $"only {v1WhileStarting} requests were answered by v1 while v2 was starting");
        Assert.True(all.Last().Body == "v2");
        Assert.Equal(0, _sandbox.Router.Statistics.RefusedNotStarted);
    }
}
