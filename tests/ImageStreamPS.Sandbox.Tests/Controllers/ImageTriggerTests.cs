using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Triggers;
using ImageStreamPS.Sandbox.Controllers;
using static ImageStreamPS.Sandbox.Tests.Controllers.TutorialObjects;

namespace ImageStreamPS.Sandbox.Tests.Controllers;

public class ImageTriggerTests
{
    private static string Image(JsonObject d, int i = 0) => (string)d["spec"]!["template"]!["spec"]!["containers"]![i]!["image"]!;

    private static JsonObject WithTriggers(string annotation)
    {
        var d = NewAppDeployment();
        d.SetAnnotation(ImageTriggerAnnotation.Key, annotation);
        return d;
    }

    [Fact]
    public void ResolvesTheTagsCurrentImageUnderTheSourcePolicy()
    {
        var updated = WireFields.Trigger(NewAppDeployment(), "Deployment", (_, _) => Stream());
        Assert.Equal(V1Reference, Image(updated!));
    }

    [Fact]
    public void LocalReferencePolicyPointsAtTheIntegratedRegistry()
    {
        var updated = WireFields.Trigger(NewAppDeployment(), "Deployment", (_, _) => Stream(referencePolicy: "Local"));
        Assert.Equal($"image-registry.openshift-image-registry.svc:5000/{Namespace}/citas@{V1}", Image(updated!));
    }

    [Fact]
    public void ATagWithoutImageIsSkippedAndNothingIsCleared()
    {
        var d = NewAppDeployment();
        d["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = V1Reference;
        Assert.Null(WireFields.Trigger(d, "Deployment", (_, _) => Stream(prod: null)));
        Assert.Null(WireFields.Trigger(d, "Deployment", (_, _) => null));
    }

    [Fact]
    public void AManualImageEditOfATriggeredContainerIsReverted()
    {
        var d = NewAppDeployment();
        d["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "quay.io/someone/else:latest";
        Assert.Equal(V1Reference, Image(WireFields.Trigger(d, "Deployment", (_, _) => Stream())!));
    }

    [Fact]
    public void AnUpToDateWorkloadIsNotWritten()
    {
        var d = NewAppDeployment();
        d["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = V1Reference;
        Assert.Null(WireFields.Trigger(d, "Deployment", (_, _) => Stream()));
    }

    [Theory]
    [InlineData("""[{"from":{"kind":"ImageStreamTag","name":"citas:prod"},"fieldPath":"spec.template.spec.containers[?(@.name==\"citas\")].image","paused":true}]""")]
    [InlineData("""[{"from":{"kind":"ImageStreamTag","name":"citas:prod"},"fieldPath":"spec.template.spec.containers[?(@.name==\"citas\")].image","paused":"false"}]""")]
    [InlineData("""not json""")]
    [InlineData("""[{"from":{"kind":"ImageStreamTag","name":"citas"},"fieldPath":"spec.template.spec.containers[?(@.name==\"citas\")].image"}]""")]
    [InlineData("""[{"from":{"kind":"ImageStreamTag","name":"citas:prod"},"fieldPath":"spec.template.spec.containers[?(@.name==\"other\")].image"}]""")]
    [InlineData("""[{"from":{"kind":"ImageStreamTag","name":"citas:prod"},"fieldPath":"spec.template.spec.containers[?(@.name == \"citas\")].image"}]""")]
    [InlineData("""[{"from":{"kind":"ImageStreamTag","name":"citas:prod"},"fieldPath":"spec.template.spec.containers[0].image"},{"from":{"kind":"ImageStreamTag","name":"citas:v2"},"fieldPath":"spec.template.spec.containers[0].image"}]""")]
    [InlineData("""[{"from":{"kind":"ImageStreamTag","name":"citas:prod"},"fieldPath":"metadata.annotations.image"}]""")]
    public void PausedMalformedOrUnresolvableTriggersChangeNothing(string annotation)
    {
        Assert.Null(WireFields.Trigger(WithTriggers(annotation), "Deployment", (_, _) => Stream()));
    }

    [Fact]
    public void IndexSelectorsAndOtherNamespacesResolve()
    {
        var d = WithTriggers("""[{"from":{"kind":"ImageStreamTag","name":"citas:v2","namespace":"shared"},"fieldPath":"spec.template.spec.containers[0].image"}]""");
        var updated = WireFields.Trigger(d, "Deployment", (ns, name) => ns == "shared" && name == "citas" ? Stream("shared") : null);
        Assert.Equal(V2Reference, Image(updated!));
        Assert.Equal([("shared", "citas")], WireFields.TriggerStreams(d).ToList());
    }

    [Fact]
    public void CronJobsUseTheirJobTemplatePath()
    {
        var cronJob = JsonNode.Parse("""
            {"kind":"CronJob","metadata":{"name":"c","namespace":"myproject","annotations":{"image.openshift.io/triggers":
              "[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"citas:v2\"},\"fieldPath\":\"spec.jobTemplate.spec.template.spec.containers[?(@.name==\\\"c\\\")].image\"}]"}},
             "spec":{"jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"c","image":" "}]}}}}}}
            """)!.AsObject();
        var updated = WireFields.Trigger(cronJob, "CronJob", (_, _) => Stream());
        Assert.Equal(V2Reference, (string?)updated!["spec"]!["jobTemplate"]!["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
    }

    [Fact]
    public void AnInitContainerIsFoundByName()
    {
        var d = WithTriggers("""[{"from":{"kind":"ImageStreamTag","name":"citas:v2"},"fieldPath":"spec.template.spec.initContainers[?(@.name==\"setup\")].image"}]""");
        d["spec"]!["template"]!["spec"]!["initContainers"] = new JsonArray(new JsonObject { ["name"] = "setup", ["image"] = "busybox" });
        var updated = WireFields.Trigger(d, "Deployment", (_, _) => Stream());
        Assert.Equal(V2Reference, (string?)updated!["spec"]!["template"]!["spec"]!["initContainers"]![0]!["image"]);
        Assert.Equal(" ", Image(updated));
    }
}
