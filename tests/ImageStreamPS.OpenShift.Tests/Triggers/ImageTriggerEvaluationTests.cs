using ImageStreamPS.OpenShift.Triggers;
using k8s;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Tests.Triggers;

/// <summary>Which container a trigger targets and what it would write (openshift-image-api.md §7.1, §7.2).</summary>
public class ImageTriggerEvaluationTests
{
    private const string V1 = "docker.io/josedom24/citas-backend@sha256:42b6ff31b8a86e292f5d4aec63eb074144fc134a427d465c77c641e836467a85";
    private const string V2 = "docker.io/josedom24/citas-backend@sha256:eae3f65c7760f3834cd08affead4c8972534948b4c73156485e89ea8b9d6ed2d";

    private static V1Deployment Deployment(string annotation, string image = " ", params string[] containers)
    {
        containers = containers.Length == 0 ? ["citas"] : containers;
        return new V1Deployment
        {
            Metadata = new V1ObjectMeta
            {
                Name = "app-citas", NamespaceProperty = "NS",
                Annotations = new Dictionary<string, string> { [ImageTriggerAnnotation.Key] = annotation },
            },
            Spec = new V1DeploymentSpec
            {
                Template = new V1PodTemplateSpec
                {
                    Spec = new V1PodSpec
                    {
                        InitContainers = [new V1Container { Name = "setup", Image = "busybox" }],
                        Containers = containers.Select(c => new V1Container { Name = c, Image = image }).ToList(),
                    },
                },
            },
        };
    }

    private static string? Tags(string ns, string stream, string tag) => (ns, stream, tag) switch
    {
        ("NS", "citas", "prod") => V1,
        ("NS", "citas", "v2") => V2,
        ("shared", "citas", "prod") => V2,
        _ => null,
    };

    private static string Annotation(params ImageTrigger[] triggers) => ImageTriggerAnnotation.Serialize(triggers);

    [Fact]
    public void NewAppTriggerReplacesThePlaceholderImage()
    {
        var evaluation = ImageTriggerEvaluation.Evaluate(Deployment(Annotation(ImageTrigger.ForDeploymentContainer("citas", "citas:prod", "NS"))), Tags);
        Assert.Null(evaluation.Error);
        var change = Assert.Single(evaluation.Changes);
        Assert.Equal("citas", change.Container.Name);
        Assert.Equal(" ", change.CurrentImage);
        Assert.Equal(V1, change.NewImage);
        Assert.True(change.ChangesImage);
        Assert.Equal(("NS", "citas:prod"), (change.Namespace, change.ImageStreamTag));
    }

    [Fact]
    public void AnUpToDateContainerDoesNotChange()
    {
        var change = Assert.Single(ImageTriggerEvaluation.Evaluate(Deployment(Annotation(ImageTrigger.ForDeploymentContainer("citas", "citas:prod")), V1), Tags).Changes);
        Assert.False(change.ChangesImage);
    }

    [Fact]
    public void TheNamespaceDefaultsToTheObjectsAndCanPointElsewhere()
    {
        Assert.Equal(V1, Assert.Single(ImageTriggerEvaluation.Evaluate(Deployment(Annotation(ImageTrigger.ForDeploymentContainer("citas", "citas:prod"))), Tags).Changes).NewImage);
        Assert.Equal(V2, Assert.Single(ImageTriggerEvaluation.Evaluate(Deployment(Annotation(ImageTrigger.ForDeploymentContainer("citas", "citas:prod", "shared"))), Tags).Changes).NewImage);
    }

    [Fact]
    public void PausedTriggersAndUnresolvedTagsAreSkipped()
    {
        var annotation = Annotation(
            ImageTrigger.ForDeploymentContainer("citas", "citas:prod") with { Paused = true },
            ImageTrigger.ForDeploymentContainer("web", "citas:deleted"),
            ImageTrigger.ForDeploymentContainer("api", "citas"));
        var evaluation = ImageTriggerEvaluation.Evaluate(Deployment(annotation, " ", "citas", "web", "api"), Tags);
        Assert.Null(evaluation.Error);
        Assert.Empty(evaluation.Changes);
    }

    [Fact]
    public void IndexSelectorsAndInitContainersAreTargeted()
    {
        var annotation = Annotation(
            new ImageTrigger { From = new() { Kind = "ImageStreamTag", Name = "citas:v2" }, FieldPath = "spec.template.spec.containers[1].image" },
            new ImageTrigger { From = new() { Kind = "ImageStreamTag", Name = "citas:prod" }, FieldPath = "spec.template.spec.initContainers[?(@.name==\"setup\")].image" });
        var evaluation = ImageTriggerEvaluation.Evaluate(Deployment(annotation, "old", "citas", "web"), Tags);
        Assert.Equal(["web", "setup"], evaluation.Changes.Select(c => c.Container.Name));
        Assert.Equal("busybox", evaluation.Changes[1].CurrentImage);
    }

    [Theory]
    [InlineData("spec.template.spec.containers[?(@.name == \"citas\")].image", "no such container: ")] // no whitespace tolerance
    [InlineData("spec.template.spec.containers[5].image", "no such container: ")]
    [InlineData("spec.template.spec.containers[?(@.name==\"nope\")].image", "no such container: ")]
    [InlineData("spec.template.spec.containers[0].name", "field path is not valid: ")]
    [InlineData("spec.template.spec.volumes[0].image", "field path is not valid: ")]
    [InlineData("spec.template.spec.containers[0.image", "field path is not valid: ")]
    public void OneBadTriggerVoidsTheUpdate(string fieldPath, string errorStart)
    {
        var annotation = Annotation(
            ImageTrigger.ForDeploymentContainer("citas", "citas:v2"),
            new ImageTrigger { From = new() { Kind = "ImageStreamTag", Name = "citas:prod" }, FieldPath = fieldPath });
        var evaluation = ImageTriggerEvaluation.Evaluate(Deployment(annotation), Tags);
        Assert.Empty(evaluation.Changes);
        Assert.StartsWith(errorStart, evaluation.Error);
    }

    [Fact]
    public void PathsOutsideThePodSpecAreIgnored()
    {
        var annotation = Annotation(new ImageTrigger { From = new() { Kind = "ImageStreamTag", Name = "citas:prod" }, FieldPath = "spec.jobTemplate.spec.template.spec.containers[0].image" });
        var evaluation = ImageTriggerEvaluation.Evaluate(Deployment(annotation), Tags);
        Assert.Null(evaluation.Error);
        Assert.Empty(evaluation.Changes);
    }

    [Fact]
    public void TheConsoleBugSilencesAllTriggers()
    {
        const string annotation = "[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"citas:prod\"},\"fieldPath\":\"spec.template.spec.containers[0].image\",\"paused\":\"false\"}]";
        var evaluation = ImageTriggerEvaluation.Evaluate(Deployment(annotation), Tags);
        Assert.Empty(evaluation.Changes);
        Assert.NotNull(evaluation.Error);
    }

    [Fact]
    public void CapturedDeploymentTargetsItsContainer()
    {
        var deployment = KubernetesYaml.Deserialize<V1Deployment>(Fixture.Read("deployment-bysnupy-parksmap-before-trigger.yaml"));
        deployment.Metadata.Annotations ??= new Dictionary<string, string>();
        deployment.Metadata.Annotations[ImageTriggerAnnotation.Key] = KubernetesYaml.Deserialize<V1Deployment>(Fixture.Read("deployment-bysnupy-parksmap-after-trigger.yaml")).Metadata.Annotations[ImageTriggerAnnotation.Key];
        var evaluation = ImageTriggerEvaluation.Evaluate(deployment, (ns, stream, tag) => ns == "test" && stream == "parksmap-katacoda" && tag == "1.2.0" ? "docker.io/openshiftroadshow/parksmap-katacoda@sha256:abc" : null);
        var change = Assert.Single(evaluation.Changes);
        Assert.Equal("parksmap-katacoda", change.Container.Name);
        Assert.NotEqual(change.NewImage, change.CurrentImage);
    }

    [Theory]
    [InlineData("CronJob", "spec.jobTemplate.spec.template.spec.containers[0].image", true)]
    [InlineData("Pod", "spec.containers[0].image", true)]
    [InlineData("StatefulSet", "spec.template.spec.initContainers[+0].image", true)]
    [InlineData("Deployment", "spec.containers[0].image", false)]
    [InlineData("ConfigMap", "spec.containers[0].image", false)]
    public void FieldPathsAreRelativeToTheKindsPodSpec(string kind, string fieldPath, bool valid) =>
        Assert.Equal(valid, ContainerFieldPath.TryParse(kind, fieldPath, out _, out _));
}
