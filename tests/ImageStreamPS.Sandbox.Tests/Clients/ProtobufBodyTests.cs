using System.Text.Json.Nodes;
using Google.Protobuf;
using ImageStreamPS.Sandbox.Api;
using ImageStreamPS.Sandbox.Api.Http;
using ImageStreamPS.Sandbox.Resources;

namespace ImageStreamPS.Sandbox.Tests.Clients;

/// <summary>
/// Protobuf request bodies as client-go's protobuf serializer writes them (k8s.io/apimachinery runtime/serializer/protobuf:
/// the "k8s\0" magic, then runtime.Unknown{typeMeta=1, raw=2}), decoded with Google.Protobuf into the kind's JSON.
/// </summary>
public sealed class ProtobufBodyTests
{
    /// <summary>A message: (field number, value) with value a string, long, bool or a nested message (byte[]).</summary>
    private static byte[] M(params (int Number, object Value)[] fields)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        foreach (var (number, value) in fields)
        {
            switch (value)
            {
                case string s:
                    output.WriteTag(number, WireFormat.WireType.LengthDelimited);
                    output.WriteString(s);
                    break;
                case byte[] nested:
                    output.WriteTag(number, WireFormat.WireType.LengthDelimited);
                    output.WriteBytes(ByteString.CopyFrom(nested));
                    break;
                case bool b:
                    output.WriteTag(number, WireFormat.WireType.Varint);
                    output.WriteBool(b);
                    break;
                default:
                    output.WriteTag(number, WireFormat.WireType.Varint);
                    output.WriteInt64(Convert.ToInt64(value));
                    break;
            }
        }
        output.Flush();
        return buffer.ToArray();
    }

    private static readonly ResourceCatalog Catalog = ResourceCatalog.Create(new Hosting.SandboxSettings());

    private static ResourceType Type(string group, string resource) => Catalog.Find(group, resource)!.Type;

    private static byte[] Envelope(string apiVersion, string kind, byte[] raw) =>
        [.. "k8s\0"u8.ToArray(), .. M((1, M((1, apiVersion), (2, kind))), (2, raw))];

    private static byte[] Entry(string key, object value) => M((1, key), (2, value));

    [Fact]
    public void EveryMessageOfTheFieldTableNamesFieldsOfItsModel()
    {
        Assert.True(ProtobufBody.Check().Count() > 80);
    }

    [Fact]
    public void KubectlCreateDeploymentBecomesTheDeploymentJson()
    {
        // What kubectl create deployment web --image=nginx:1.25 --port=8080 --replicas=2 sends (create_deployment.go).
        var labels = Entry("app", "web");
        var raw = M(
            (1, M((1, "web"), (11, labels))),
            (2, M(
                (1, 2L),
                (2, M((1, labels))),
                (3, M(
                    (1, M((8, Array.Empty<byte>()), (11, labels))),
                    (2, M((2, M((1, "nginx"), (2, "nginx:1.25"), (6, M((3, 8080L))), (8, Array.Empty<byte>()))))))),
                (4, Array.Empty<byte>()))),
            (3, M((2, 0L))));
        var json = ProtobufBody.Decode(Envelope("apps/v1", "Deployment", raw), Type("apps", "deployments"));
        Assert.Equal("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"web"}},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"creationTimestamp":null,"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx:1.25","ports":[{"containerPort":8080}],"resources":{}}]}},"strategy":{}}}
            """.Trim(), json.ToJsonString());
    }

    [Fact]
    public void IntOrStringQuantityTimeAndEmbeddedStructs()
    {
        var intPort = M((1, 0L), (2, 8080L));
        var namedPort = M((1, 1L), (3, "http"));
        var service = M((1, M((1, "svc"))), (2, M((1, M((1, "a"), (2, "TCP"), (3, 80L), (4, intPort))), (1, M((1, "b"), (3, 81L), (4, namedPort))), (4, "ClusterIP"))));
        Assert.Equal("""[{"name":"a","protocol":"TCP","port":80,"targetPort":8080},{"name":"b","port":81,"targetPort":"http"}]""",
            ProtobufBody.Decode(Envelope("v1", "Service", service), Type("", "services"))["spec"]!["ports"]!.ToJsonString());

        var container = M(
            (1, "app"),
            (7, M((1, "MODE"), (3, M((3, M((1, M((1, "settings"))), (2, "mode"))))))),
            (8, M((1, Entry("cpu", M((1, "500m")))))),
            (10, M((1, M((2, M((1, "/healthz"), (2, namedPort))))), (3, 5L))));
        var pod = M((1, M((1, "p"), (8, M((1, 1767225600L))))), (2, M((2, container))));
        var json = ProtobufBody.Decode(Envelope("v1", "Pod", pod), Type("", "pods"));
        Assert.Equal("2026-01-01T00:00:00Z", json["metadata"]!["creationTimestamp"]!.GetValue<string>());
        Assert.Equal("""{"name":"app","env":[{"name":"MODE","valueFrom":{"configMapKeyRef":{"name":"settings","key":"mode"}}}],"resources":{"limits":{"cpu":"500m"}},"livenessProbe":{"httpGet":{"path":"/healthz","port":"http"},"timeoutSeconds":5}}""",
            json["spec"]!["containers"]![0]!.ToJsonString());
    }

    [Fact]
    public void AFieldWithoutANumberIsRefusedNotDropped()
    {
        var raw = M((1, M((1, "cm"))), (99, "surprise"));
        var error = Assert.Throws<StatusException>(() => ProtobufBody.Decode(Envelope("v1", "ConfigMap", raw), Type("", "configmaps")));
        Assert.Equal(400, error.Code);
        Assert.Equal("protobuf field 99 of V1ConfigMap is not decoded by the sandbox; send the object as application/json", error.Message);
    }

    [Fact]
    public void OpenShiftKindsAreNotSentAsProtobufAndAnswer415()
    {
        var error = Assert.Throws<StatusException>(() => ProtobufBody.Decode(Envelope("route.openshift.io/v1", "Route", M()),
            Type("route.openshift.io", "routes")));
        Assert.Equal(415, error.Code);
    }
}
