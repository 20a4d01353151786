using ImageStreamPS.OpenShift.Apps;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Tests.Apps;

public class DeploymentStatusViewerTests
{
    private static V1Deployment AfterTrigger() => AppFixtures.Load<V1Deployment>("deployment-bysnupy-parksmap-after-trigger.yaml");

    [Fact]
    public void ARolledOutDeploymentFromARealClusterIsComplete()
    {
        var state = DeploymentStatusViewer.Evaluate(AfterTrigger());

        Assert.Equal(RolloutStatus.Complete, state.Status);
        Assert.Equal("deployment \"test\" successfully rolled out", state.Message);
        Assert.True(state.IsFinal);
    }

    [Fact]
    public void ASpecChangeNotYetObservedIsProgressing()
    {
        var deployment = AfterTrigger();
        deployment.Metadata.Generation = 4;

        var state = DeploymentStatusViewer.Evaluate(deployment);

        Assert.Equal(RolloutStatus.Progressing, state.Status);
        Assert.Equal("Waiting for deployment spec update to be observed...", state.Message);
        Assert.False(state.IsFinal);
    }

    [Fact]
    public void ProgressDeadlineExceededIsFailed()
    {
        var deployment = AfterTrigger();
        var progressing = deployment.Status.Conditions.Single(c => c.Type == "Progressing");
        progressing.Status = "False";
        progressing.Reason = "ProgressDeadlineExceeded";
        deployment.Status.UpdatedReplicas = 0;

        var state = DeploymentStatusViewer.Evaluate(deployment);

        Assert.Equal(RolloutStatus.Failed, state.Status);
        Assert.Equal("deployment \"test\" exceeded its progress deadline", state.Message);
    }

    [Fact]
    public void NewReplicasNotYetUpdatedAreCounted()
    {
        var deployment = AfterTrigger();
        deployment.Spec.Replicas = 3;

        var state = DeploymentStatusViewer.Evaluate(deployment);

        Assert.Equal(RolloutStatus.Progressing, state.Status);
        Assert.Equal("Waiting for deployment \"test\" rollout to finish: 1 out of 3 new replicas have been updated...", state.Message);
    }

    [Fact]
    public void OldReplicasPendingTerminationKeepItProgressing()
    {
        var deployment = AfterTrigger();
        deployment.Status.Replicas = 2;

        var state = DeploymentStatusViewer.Evaluate(deployment);

        Assert.Equal("Waiting for deployment \"test\" rollout to finish: 1 old replicas are pending termination...", state.Message);
    }

    [Fact]
    public void UpdatedReplicasNotYetAvailableKeepItProgressing()
    {
        var deployment = AfterTrigger();
        deployment.Status.AvailableReplicas = 0;

        var state = DeploymentStatusViewer.Evaluate(deployment);

        Assert.Equal(RolloutStatus.Progressing, state.Status);
        Assert.Equal("Waiting for deployment \"test\" rollout to finish: 0 of 1 updated replicas are available...", state.Message);
    }

    [Fact]
    public void APausedDeploymentIsPaused()
    {
        var deployment = AfterTrigger();
        deployment.Spec.Paused = true;

        var state = DeploymentStatusViewer.Evaluate(deployment);

        Assert.Equal(RolloutStatus.Paused, state.Status);
        Assert.True(state.IsFinal);
    }
}
