using ImageStreamPS.OpenShift.Apps;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Tests.Apps;

public class PodRowTests
{
    private static V1Pod Pod(V1ContainerState state, bool ready, int restarts = 0) => new()
    {
        Metadata = new V1ObjectMeta { Name = "app-citas-757777cfd8-7mklv", CreationTimestamp = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc) },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "citas", Image = "docker.io/josedom24/citas-backend@sha256:eae3" }] },
        Status = new V1PodStatus
        {
            Phase = state.Running is not null ? "Running" : "Pending",
            ContainerStatuses = [new V1ContainerStatus { Name = "citas", Ready = ready, RestartCount = restarts, State = state, Image = "x", ImageID = "docker.io/josedom24/citas-backend@sha256:eae3" }],
        },
    };

    [Fact]
    public void ARunningReadyPodShowsRunningAndOneOfOne()
    {
        var row = PodRow.Of(Pod(new V1ContainerState { Running = new V1ContainerStateRunning() }, ready: true), "app-citas-757777cfd8");

        Assert.Equal(("Running", "Running", "1/1", 0), (row.Phase, row.Status, row.Ready, row.Restarts));
        Assert.Equal("app-citas-757777cfd8", row.ReplicaSet);
        Assert.Equal("docker.io/josedom24/citas-backend@sha256:eae3", row.Image);
    }

    [Fact]
    public void AnImagePullBackOffShowsTheWaitingReasonAndMessage()
    {
        var waiting = new V1ContainerStateWaiting { Reason = "ImagePullBackOff", Message = "Back-off pulling image \"nowhere/none:1\"" };

        var row = PodRow.Of(Pod(new V1ContainerState { Waiting = waiting }, ready: false, restarts: 0), "rs");

        Assert.Equal(("Pending", "ImagePullBackOff", "0/1"), (row.Phase, row.Status, row.Ready));
        Assert.Equal("Back-off pulling image \"nowhere/none:1\"", row.Message);
    }

    [Fact]
    public void RestartsAreSummed()
    {
        var row = PodRow.Of(Pod(new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "CrashLoopBackOff" } }, ready: false, restarts: 4), "rs");

        Assert.Equal(("CrashLoopBackOff", 4), (row.Status, row.Restarts));
    }

    [Fact]
    public void ADeletedPodIsTerminating()
    {
        var pod = Pod(new V1ContainerState { Running = new V1ContainerStateRunning() }, ready: true);
        pod.Metadata.DeletionTimestamp = DateTime.UtcNow;

        Assert.Equal("Terminating", PodRow.Of(pod, "rs").Status);
    }
}
