using ImageStreamPS.OpenShift.Apps;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Tests.Apps;

/// <summary>An app as <c>oc get all -l app=NAME</c> finds it, and the order <c>Remove-App</c> deletes it in.</summary>
public class AppViewTests
{
    private static Rollout Rollout(string name, RolloutStatus status, params RolloutTrigger[] triggers) => new()
    {
        Kind = "Deployment", Name = name, Namespace = "NS", Replicas = 1, ReadyReplicas = status == RolloutStatus.Complete ? 1 : 0,
        State = new RolloutState(status, ""), Triggers = triggers,
    };

    private static ServiceView Service(string name) => ServiceView.Of(new V1Service
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "NS" },
        Spec = new V1ServiceSpec { ClusterIP = "172.30.0.10", Ports = [new V1ServicePort { Port = 10000, Protocol = "TCP" }] },
    });

    [Fact]
    public void ObjectsAreDeletedRoutesFirstThenServicesThenWorkloads()
    {
        var route = RouteView.Of(new ImageStreamPS.OpenShift.Api.Route { Metadata = new V1ObjectMeta { Name = "app-citas", NamespaceProperty = "NS" } });
        var app = new AppView("app-citas", "NS", [Rollout("app-citas", RolloutStatus.Complete)], [Service("app-citas")], [route]);

        Assert.Equal(["route.route.openshift.io/app-citas", "service/app-citas", "deployment.apps/app-citas"], app.Objects.Select(o => o.ToString()));
        Assert.Equal("deployment.apps \"app-citas\" deleted", app.Objects[2].DeletedMessage);
    }

    [Theory]
    [InlineData(RolloutStatus.Complete, RolloutStatus.Complete, RolloutStatus.Complete)]
    [InlineData(RolloutStatus.Complete, RolloutStatus.Progressing, RolloutStatus.Progressing)]
    [InlineData(RolloutStatus.Paused, RolloutStatus.Complete, RolloutStatus.Paused)]
    [InlineData(RolloutStatus.Progressing, RolloutStatus.Failed, RolloutStatus.Failed)]
    public void StatusIsTheWorstOfItsRollouts(RolloutStatus first, RolloutStatus second, RolloutStatus app) =>
        Assert.Equal(app, new AppView("a", "NS", [Rollout("a", first), Rollout("b", second)], [], []).Status);

    [Fact]
    public void AnAppWithoutWorkloadsHasNoStatus() =>
        Assert.Null(new AppView("a", "NS", [], [Service("a")], []).Status);

    [Fact]
    public void TriggersAreTheUnpausedOnesNamedFromTheAppsNamespace()
    {
        var app = new AppView("a", "NS",
            [Rollout("a", RolloutStatus.Complete, new RolloutTrigger("NS", "citas:prod", "citas", false), new RolloutTrigger("shared", "base:latest", "x", false), new RolloutTrigger("NS", "citas:dev", "citas", true))],
            [], []);

        Assert.Equal(["citas:prod", "shared/base:latest"], app.Triggers);
    }

    [Fact]
    public void ServicePortsReadAsOcGetSvcShowsThem_MakePortString()
    {
        var service = ServiceView.Of(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "NS" },
            Spec = new V1ServiceSpec { Type = "NodePort", ClusterIP = "172.30.0.11", Ports = [new V1ServicePort { Port = 80, NodePort = 30080, Protocol = "TCP" }, new V1ServicePort { Port = 53, Protocol = "UDP" }] },
        });

        Assert.Equal(("NodePort", "80:30080/TCP,53/UDP", "<none>"), (service.Type, service.Ports, service.ExternalIp));
    }
}
