using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Apps;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Tests.Apps;

/// <summary>library-go <c>pkg/route/validation</c> <c>validateRoute</c>, as openshift-apiserver applies it to a Route.</summary>
public class RouteValidationTests
{
    private static Route Route(IntOrString? port = null, string? host = null, string? path = null, string? termination = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = "app-citas", NamespaceProperty = "myproject" },
        Spec = new RouteSpec
        {
            Host = host, Path = path,
            To = new RouteTargetReference { Kind = "Service", Name = "app-citas", Weight = 100 },
            Port = port is null ? null : new RoutePort { TargetPort = port },
            Tls = termination is null ? null : new TlsConfig { Termination = termination },
        },
    };

    [Fact]
    public void TheTutorialRouteIsValid() => Assert.Empty(RouteValidation.Validate(Route(port: 10000, host: "app-citas-myproject.apps.example.com")));

    // validateRoute: `case target.Type == intstr.Int && target.IntVal == 0, target.Type == intstr.String && len(target.StrVal) == 0:
    // field.Required(specPath.Child("port", "targetPort"), "")` — the only target ports it refuses.
    [Theory]
    [InlineData("0")]
    [InlineData("")]
    public void AZeroOrEmptyTargetPortIsRequired(string port)
    {
        var error = Assert.Single(RouteValidation.Validate(Route(port: port)));
        Assert.Equal(("spec.port.targetPort", "FieldValueRequired", "Required value"), (error.Field, error.Reason, error.Message));
    }

    // Upstream does not range-check a numeric target port (the router checks it against the Service's ports),
    // so -5 and 70000 are accepted as openshift-apiserver accepts them.
    [Theory]
    [InlineData("-5")]
    [InlineData("70000")]
    [InlineData("http")]
    public void OtherTargetPortsAreAcceptedAsUpstreamDoes(string port) => Assert.Empty(RouteValidation.Validate(Route(port: port)));

    [Theory]
    [InlineData("Bad_Host.example.com", "spec.host")]
    [InlineData(null, "spec.path")]
    public void HostAndPathFollowTheirRules(string? host, string field)
    {
        var errors = RouteValidation.Validate(Route(host: host, path: host is null ? "no-slash" : null));
        Assert.Contains(errors, e => e.Field == field && e.Reason == "FieldValueInvalid");
    }

    [Fact]
    public void PassthroughRoutesHaveNoPathAndOnlyKnownTerminationsPass()
    {
        Assert.Contains(RouteValidation.Validate(Route(path: "/x", termination: "passthrough")),
            e => e.Field == "spec.path" && e.Message.EndsWith("passthrough termination does not support paths", StringComparison.Ordinal));
        var unknown = Assert.Single(RouteValidation.Validate(Route(termination: "magic")));
        Assert.Equal(("spec.tls.termination", "FieldValueNotSupported"), (unknown.Field, unknown.Reason));
    }

    [Fact]
    public void TheBackendMustBeANamedServiceWithAWeightUpTo256()
    {
        var route = Route();
        route.Spec.To = new RouteTargetReference { Kind = "Pod", Name = "", Weight = 300 };
        Assert.Equal(["spec.to.name", "spec.to.kind", "spec.to.weight"], RouteValidation.Validate(route).Select(e => e.Field));
    }
}
