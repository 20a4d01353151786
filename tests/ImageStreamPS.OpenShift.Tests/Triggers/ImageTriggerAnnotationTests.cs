using ImageStreamPS.OpenShift.Triggers;
using k8s;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Tests.Triggers;

/// <summary>The <c>image.openshift.io/triggers</c> annotation (openshift-image-api.md §7.1).</summary>
public class ImageTriggerAnnotationTests
{
    private const string NewApp = "[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"citas:prod\",\"namespace\":\"NS\"},\"fieldPath\":\"spec.template.spec.containers[?(@.name==\\\"citas\\\")].image\"}]";

    [Fact]
    public void WritesWhatOcNewAppWrites()
    {
        var trigger = ImageTrigger.ForDeploymentContainer("citas", "citas:prod", "NS");
        Assert.Equal(NewApp, ImageTriggerAnnotation.Serialize([trigger]));
    }

    [Fact]
    public void OmitsNamespaceWhenUnsetAndPausedWhenFalse()
    {
        var deployment = KubernetesYaml.Deserialize<V1Deployment>(Fixture.Read("deployment-bysnupy-parksmap-after-trigger.yaml"));
        var written = deployment.Metadata.Annotations[ImageTriggerAnnotation.Key];
        var trigger = Assert.Single(ImageTriggerAnnotation.FromAnnotations(deployment.Metadata.Annotations));
        Assert.Equal("parksmap-katacoda:1.2.0", trigger.From.Name);
        Assert.Null(trigger.From.Namespace);
        Assert.False(trigger.Paused);
        Assert.Equal(written, ImageTriggerAnnotation.Serialize([trigger]));
        Assert.Contains("\"paused\":true", ImageTriggerAnnotation.Serialize([trigger with { Paused = true }]));
    }

    [Fact]
    public void ReadsTheNewAppAnnotation()
    {
        Assert.True(ImageTriggerAnnotation.TryParse(NewApp, out var triggers, out _));
        var trigger = Assert.Single(triggers);
        Assert.Equal(("ImageStreamTag", "citas:prod", "NS"), (trigger.From.Kind, trigger.From.Name, trigger.From.Namespace));
        Assert.Equal("spec.template.spec.containers[?(@.name==\"citas\")].image", trigger.FieldPath);
    }

    [Theory]
    [InlineData("[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"citas:prod\"},\"fieldPath\":\"spec.template.spec.containers[0].image\",\"paused\":\"false\"}]")] // the console bug
    [InlineData("[{\"from\":{\"name\":1},\"fieldPath\":\"x\"}]")]
    [InlineData("{\"from\":{}}")]
    [InlineData("[{\"from\":{\"name\":\"a:b\"},\"fieldPath\":\"p\"},]")]
    [InlineData("[{\"from\":{\"name\":\"a:b\"},\"fieldPath\":\"p\"}] x")]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[{\"fieldPath\":\"p\"},{\"fieldPath\":\"p\"}]")] // duplicate field paths
    public void MalformedAnnotationsVoidEveryTrigger(string value)
    {
        Assert.False(ImageTriggerAnnotation.TryParse(value, out var triggers, out var error));
        Assert.Empty(triggers);
        Assert.False(string.IsNullOrEmpty(error));
        Assert.Empty(ImageTriggerAnnotation.FromAnnotations(new Dictionary<string, string> { [ImageTriggerAnnotation.Key] = value }));
    }

    [Theory]
    [InlineData("null", 0)]
    [InlineData("[]", 0)]
    [InlineData("[null]", 1)]
    [InlineData("[{\"FROM\":{\"NAME\":\"a:b\"},\"FieldPath\":\"p\",\"unknown\":[1,2]}]", 1)] // Go matches keys case-insensitively and skips unknown ones
    [InlineData("[{\"from\":null,\"fieldPath\":\"p\",\"paused\":null}]", 1)]
    public void AcceptsWhatGoAccepts(string value, int count)
    {
        Assert.True(ImageTriggerAnnotation.TryParse(value, out var triggers, out _));
        Assert.Equal(count, triggers.Count);
    }

    [Fact]
    public void NoAnnotationMeansNoTriggers()
    {
        Assert.Empty(ImageTriggerAnnotation.FromAnnotations(null));
        Assert.Empty(ImageTriggerAnnotation.FromAnnotations(new Dictionary<string, string> { ["other"] = "x" }));
    }

    [Fact]
    public void ArbitraryTextNeverThrows()
    {
        var random = new Random(7);
        const string alphabet = "[]{}\":,ab01 \\nulltrufalse";
        for (var i = 0; i < 3000; i++)
        {
            var text = new string(Enumerable.Range(0, random.Next(0, 40)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var ok = ImageTriggerAnnotation.TryParse(text, out var triggers, out var error);
            Assert.True(ok || (triggers.Count == 0 && error is not null));
        }
    }
}
