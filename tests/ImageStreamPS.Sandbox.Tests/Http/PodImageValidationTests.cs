namespace ImageStreamPS.Sandbox.Tests.Http;

/// <summary>
/// A Pod's image as kube-apiserver validates it on create and update: required (<c>validateContainers</c>), and
/// without leading or trailing whitespace, which a pod template may have (<c>validateContainersOnlyForPod</c>,
/// called from <c>validatePodMetadataAndSpec</c>).
/// </summary>
public sealed class PodImageValidationTests(RunningSandbox sandbox) : IClassFixture<RunningSandbox>
{
    private const string Pods = "/api/v1/namespaces/myproject/pods";

    private static string Pod(string name, string image) => $$$"""
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{name}}}"},"spec":{"containers":[{"name":"web","image":"{{{image}}}"}]}}
        """;

    [Theory]
    [InlineData("blank", " ", "spec.containers[0].image: Invalid value: \" \": must not have leading or trailing whitespace", "FieldValueInvalid")]
    [InlineData("padded", "quay.io/demo/web:1 ", "spec.containers[0].image: Invalid value: \"quay.io/demo/web:1 \": must not have leading or trailing whitespace", "FieldValueInvalid")]
    [InlineData("empty", "", "spec.containers[0].image: Required value", "FieldValueRequired")]
    public async Task APodWhoseImageIsBlankOrPaddedIsInvalid(string name, string image, string cause, string reason)
    {
        var (status, body) = await sandbox.Send(HttpMethod.Post, Pods, Pod(name, image));

        Assert.Equal(422, status);
        Assert.Equal(("Status", "Failure", "Invalid", 422), (body!["kind"]!.GetValue<string>(), body["status"]!.GetValue<string>(), body["reason"]!.GetValue<string>(), body["code"]!.GetValue<int>()));
        Assert.Equal($"Pod \"{name}\" is invalid: {cause}", body["message"]!.GetValue<string>());
        var only = Assert.Single(body["details"]!["causes"]!.AsArray())!;
        Assert.Equal((reason, "spec.containers[0].image"), (only["reason"]!.GetValue<string>(), only["field"]!.GetValue<string>()));
        Assert.Equal(404, (await sandbox.Get($"{Pods}/{name}")).Status);
    }

    [Fact]
    public async Task APodMayNotBeUpdatedToABlankImage()
    {
        var (created, pod) = await sandbox.Send(HttpMethod.Post, Pods, Pod("updated", "quay.io/demo/web:1"));
        Assert.Equal(201, created);
        pod!["spec"]!["containers"]![0]!["image"] = " ";

        var (status, body) = await sandbox.Send(HttpMethod.Put, $"{Pods}/updated", pod.ToJsonString());

        Assert.Equal((422, "Pod \"updated\" is invalid: spec.containers[0].image: Invalid value: \" \": must not have leading or trailing whitespace"),
            (status, body!["message"]!.GetValue<string>()));
    }

    [Fact]
    public async Task APodWhoseImageTheKubeletCannotParseIsStillCreated()
    {
        // The apiserver does not parse image names; the kubelet does (InvalidImageName).
        var (status, body) = await sandbox.Send(HttpMethod.Post, Pods, Pod("uppercase", "quay.io/Demo/Web:1"));

        Assert.Equal(201, status);
        Assert.Equal("quay.io/Demo/Web:1", body!["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
    }
}
