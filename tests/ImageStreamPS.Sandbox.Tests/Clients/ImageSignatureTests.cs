using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Tests.Http;

namespace ImageStreamPS.Sandbox.Tests.Clients;

/// <summary>
/// <c>imagesignatures</c> over HTTP, as openshift-apiserver's imagesignature/rest.go <c>Create</c> and <c>Delete</c>
/// answer, with strategy.go <c>PrepareForCreate</c> and validation.go <c>validateImageSignature</c>: a signature
/// named <c>image@name</c> is stored in the Image's <c>signatures</c>.
/// </summary>
public sealed class ImageSignatureTests(RunningImageSandbox sandbox) : IClassFixture<RunningImageSandbox>
{
    private const string Api = "/apis/image.openshift.io/v1";

    private static string Digest(char c) => "sha256:" + new string(c, 64);

    private async Task CreateImage(string name) =>
        Assert.Equal(201, (await sandbox.Send(HttpMethod.Post, $"{Api}/images", $$"""
            {"kind":"Image","apiVersion":"image.openshift.io/v1","metadata":{"name":"{{name}}"},"dockerImageReference":"quay.io/team/app@{{name}}"}
            """)).Status);

    private static string Signature(string name, string type = "atomic", string content = "c2lnbmVk", string extra = "") => $$"""
        {"kind":"ImageSignature","apiVersion":"image.openshift.io/v1","metadata":{"name":"{{name}}"},"type":"{{type}}","content":"{{content}}"{{extra}}}
        """;

    private async Task<JsonArray?> StoredSignatures(string image) =>
        (await sandbox.Get($"{Api}/images/{image}")).Body!["signatures"] as JsonArray;

    [Fact]
    public async Task CreateStoresTheSignatureInItsImageWithoutTheVerifiersFields()
    {
        var image = Digest('1');
        await CreateImage(image);

        var (status, body) = await sandbox.Send(HttpMethod.Post, $"{Api}/imagesignatures",
            Signature($"{image}@first", extra: ""","imageIdentity":"quay.io/team/app:v1","signedClaims":{"a":"b"}"""));

        Assert.Equal(201, status);
        Assert.Equal(("ImageSignature", "image.openshift.io/v1", $"{image}@first", "atomic", "c2lnbmVk"),
            (body!["kind"]!.GetValue<string>(), body["apiVersion"]!.GetValue<string>(), body["metadata"]!["name"]!.GetValue<string>(),
             body["type"]!.GetValue<string>(), body["content"]!.GetValue<string>()));
        Assert.NotNull(body["metadata"]!["uid"]);
        Assert.Null(body["imageIdentity"]);
        Assert.Null(body["signedClaims"]);
        var stored = Assert.Single((await StoredSignatures(image))!)!;
        Assert.Equal(($"{image}@first", "c2lnbmVk"), (stored["metadata"]!["name"]!.GetValue<string>(), stored["content"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("@first", "atomic", "c2lnbmVk")]
    [InlineData("@second", "atomic", "c2lnbmVk")]
    public async Task ASignatureWithTheSameNameOrTheSameTypeAndContentAlreadyExists(string suffix, string type, string content)
    {
        var image = Digest(suffix == "@first" ? '2' : '3');
        await CreateImage(image);
        Assert.Equal(201, (await sandbox.Send(HttpMethod.Post, $"{Api}/imagesignatures", Signature($"{image}@first"))).Status);

        var (status, body) = await sandbox.Send(HttpMethod.Post, $"{Api}/imagesignatures", Signature(image + suffix, type, content));

        Assert.Equal((409, "AlreadyExists", $"imageSignatures.image.openshift.io \"{image}{suffix}\" already exists"),
            (status, body!["reason"]!.GetValue<string>(), body["message"]!.GetValue<string>()));
        Assert.Single((await StoredSignatures(image))!);
    }

    [Fact]
    public async Task AnInvalidSignatureIs422WithEveryCause()
    {
        var (status, body) = await sandbox.Send(HttpMethod.Post, $"{Api}/imagesignatures", """
            {"kind":"ImageSignature","apiVersion":"image.openshift.io/v1","metadata":{"name":"nosignature","labels":{"a":"b"}},"type":""}
            """);

        Assert.Equal((422, "Invalid"), (status, body!["reason"]!.GetValue<string>()));
        Assert.Equal("ImageSignature.image.openshift.io \"nosignature\" is invalid: [metadata.labels: Forbidden: signature labels cannot be set, " +
            "metadata.name: Invalid value: \"nosignature\": name must be of format <imageName>@<signatureName>, type: Required value, content: Required value]",
            body["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task ASignatureOfAMissingImageIsTheImagesNotFound()
    {
        var image = Digest('4');

        var (status, body) = await sandbox.Send(HttpMethod.Post, $"{Api}/imagesignatures", Signature($"{image}@first"));

        Assert.Equal((404, $"images.image.openshift.io \"{image}\" not found"), (status, body!["message"]!.GetValue<string>()));
    }

    [Fact]
    public async Task DeleteRemovesTheSignatureFromItsImage()
    {
        var image = Digest('5');
        await CreateImage(image);
        Assert.Equal(201, (await sandbox.Send(HttpMethod.Post, $"{Api}/imagesignatures", Signature($"{image}@first"))).Status);

        var (status, body) = await sandbox.Send(HttpMethod.Delete, $"{Api}/imagesignatures/{image}@first");

        Assert.Equal(200, status);
        Assert.Equal("""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success"}""", body!.ToJsonString());
        Assert.Empty((await StoredSignatures(image)) ?? []);
        (status, body) = await sandbox.Send(HttpMethod.Delete, $"{Api}/imagesignatures/{image}@first");
        Assert.Equal((404, $"imageSignatures.image.openshift.io \"{image}@first\" not found"), (status, body!["message"]!.GetValue<string>()));
    }

    [Fact]
    public async Task DeleteOfANameWithoutAnAtIsABadRequest()
    {
        var (status, body) = await sandbox.Send(HttpMethod.Delete, $"{Api}/imagesignatures/nosignature");

        Assert.Equal((400, "ImageSignatures must be accessed with <imageName>@<signatureName>"), (status, body!["message"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AnImageWhoseStoredSignatureIsInvalidIsRefused()
    {
        var image = Digest('6');

        var (status, body) = await sandbox.Send(HttpMethod.Post, $"{Api}/images", $$"""
            {"kind":"Image","apiVersion":"image.openshift.io/v1","metadata":{"name":"{{image}}"},"dockerImageReference":"quay.io/team/app@{{image}}",
             "signatures":[{"metadata":{"name":"bad"},"type":"atomic","content":"c2lnbmVk"}]}
            """);

        Assert.Equal(422, status);
        Assert.Contains("signatures[0].metadata.name: Invalid value: \"bad\": name must be of format <imageName>@<signatureName>", body!["message"]!.GetValue<string>());
    }
}
