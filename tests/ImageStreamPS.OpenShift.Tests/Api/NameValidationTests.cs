using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Apps;
using ImageStreamPS.OpenShift.Images;

namespace ImageStreamPS.OpenShift.Tests.Api;

/// <summary>
/// apimachinery's name rules (<c>k8s.io/apimachinery/pkg/util/validation</c> <c>IsDNS1123Label</c>,
/// <c>IsDNS1123Subdomain</c>, <c>IsDNS1035Label</c>, <c>MaxLenError</c>, <c>RegexError</c>; <c>pkg/api/validate/content</c>
/// <c>IsLabelKey</c>, <c>IsLabelValue</c>), the one implementation the client and the sandbox share.
/// </summary>
public class NameValidationTests
{
    private const string LabelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    [Theory]
    [InlineData("citas")]
    [InlineData("123-abc")]
    [InlineData("a")]
    public void ValidLabels(string value) => Assert.Empty(NameValidation.Dns1123Label(value));

    // IsDNS1123Label: the length error and the pattern error are separate messages; a valid subdomain that is
    // not a label "must not contain dots".
    [Fact]
    public void ALabelReportsEachProblem()
    {
        Assert.Equal([LabelMessage], NameValidation.Dns1123Label("Citas"));
        Assert.Equal([LabelMessage], NameValidation.Dns1123Label("-citas"));
        Assert.Equal(["must not contain dots"], NameValidation.Dns1123Label("citas.dev"));
        Assert.Equal(["must be no more than 63 characters"], NameValidation.Dns1123Label(new string('a', 64)));
        Assert.Equal(["must be no more than 63 characters", LabelMessage], NameValidation.Dns1123Label(new string('A', 64)));
    }

    // Go's `$` ends the text; .NET's would also accept a trailing newline.
    [Fact]
    public void ATrailingNewlineIsNotValid()
    {
        Assert.NotEmpty(NameValidation.Dns1123Label("citas\n"));
        Assert.NotEmpty(NameValidation.Dns1123Subdomain("citas.dev\n"));
        Assert.NotEmpty(NameValidation.Dns1035Label("citas\n"));
        Assert.NotEmpty(NameValidation.QualifiedName("app\n"));
        Assert.NotEmpty(NameValidation.LabelValue("citas\n"));
    }

    [Fact]
    public void Subdomains()
    {
        Assert.Empty(NameValidation.Dns1123Subdomain("app-citas-myproject.apps.example.com"));
        Assert.Equal(
            ["a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"],
            NameValidation.Dns1123Subdomain("citas_dev"));
        Assert.Equal(["must be no more than 253 characters"], NameValidation.Dns1123Subdomain(string.Join('.', Enumerable.Repeat(new string('a', 63), 4))));
    }

    [Fact]
    public void Dns1035LabelsStartWithALetter()
    {
        Assert.Empty(NameValidation.Dns1035Label("citas-v2"));
        Assert.Equal(
            ["a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"],
            NameValidation.Dns1035Label("2citas"));
    }

    // IsLabelKey: an optional DNS-subdomain prefix, then a name part of at most 63 characters.
    [Fact]
    public void LabelKeys()
    {
        Assert.Empty(NameValidation.QualifiedName("app"));
        Assert.Empty(NameValidation.QualifiedName("app.kubernetes.io/instance"));
        Assert.Empty(NameValidation.QualifiedName("My_Name.x"));
        Assert.Equal(["prefix part must be non-empty"], NameValidation.QualifiedName("/app"));
        Assert.Equal(["name part must be non-empty",
            "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"],
            NameValidation.QualifiedName("example.com/"));
        Assert.StartsWith("prefix part a lowercase RFC 1123 subdomain", Assert.Single(NameValidation.QualifiedName("Example.com/app")));
        Assert.StartsWith("a valid label key must consist of", Assert.Single(NameValidation.QualifiedName("a/b/c")));
        Assert.Equal(["name part must be no more than 63 characters"], NameValidation.QualifiedName(new string('a', 64)));
    }

    [Fact]
    public void LabelValues()
    {
        Assert.Empty(NameValidation.LabelValue(""));
        Assert.Empty(NameValidation.LabelValue("v1.2_beta"));
        Assert.Equal(["must be no more than 63 characters"], NameValidation.LabelValue(new string('a', 64)));
        Assert.StartsWith("a valid label must be an empty string", Assert.Single(NameValidation.LabelValue("-v1")));
    }

    // ValidateObjectMeta leaves an empty name to generateName; otherwise one error per problem on metadata.name.
    [Fact]
    public void NameErrorsAreMetadataNameFieldErrors()
    {
        Assert.Empty(NameValidation.Name("", NameValidation.Dns1123Label));
        var errors = NameValidation.Name(new string('A', 64), NameValidation.Dns1123Label).ToList();
        Assert.Equal(2, errors.Count);
        Assert.All(errors, error => Assert.Equal(("metadata.name", "FieldValueInvalid"), (error.Field, error.Reason)));
    }

    // The client's checks are the same rules: a namespace is a label, an app name a DNS-1035 label, a route a subdomain.
    [Fact]
    public void TheClientChecksUseTheSameRules()
    {
        Assert.Equal("must not contain dots", ImageStreamValidation.ValidateNamespace("citas.dev"));
        Assert.Equal(LabelMessage, ImageStreamValidation.ValidateNamespace("Citas"));
        Assert.False(NewAppObjects.IsDns1035Label("2citas"));
        Assert.True(NewAppObjects.IsDns1123Subdomain("app-citas.apps.example.com"));
    }
}
