using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Apps;
using k8s;

namespace ImageStreamPS.OpenShift.Tests.Apps;

public class NewAppObjectsTests
{
    private const string V1 = "sha256:42b6ff31b8a86e292f5d4aec63eb074144fc134a427d465c77c641e836467a85";
    private const string V1PullSpec = "docker.io/josedom24/citas-backend@" + V1;

    private static NewAppImage CitasProd(params string[] exposedPorts) =>
        new("NS", "citas", "prod", V1, V1PullSpec, exposedPorts, []);

    private static JsonNode Json(object value) => JsonNode.Parse(KubernetesJson.Serialize(value))!;

    [Fact]
    public void TheDeploymentIsWhatOcNewAppSendsWithTheResolvedImageInsteadOfThePlaceholder()
    {
        var objects = NewAppObjects.For(CitasProd("10000/tcp"), new NewAppOptions { Name = "app-citas" });

        // openshift-image-api.md §7.3, "Objects as sent by oc new-app", with image " " replaced by the resolved image.
        var expected = JsonNode.Parse("""
            { "kind": "Deployment", "apiVersion": "apps/v1",
              "metadata": { "name": "app-citas", "namespace": "NS",
                "labels": { "app": "app-citas", "app.kubernetes.io/component": "app-citas", "app.kubernetes.io/instance": "app-citas" },
                "annotations": {
                  "image.openshift.io/triggers": "[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"citas:prod\",\"namespace\":\"NS\"},\"fieldPath\":\"spec.template.spec.containers[?(@.name==\\\"citas\\\")].image\"}]",
                  "openshift.io/generated-by": "OpenShiftNewApp" } },
              "spec": { "replicas": 1, "selector": { "matchLabels": { "deployment": "app-citas" } },
                "template": { "metadata": { "labels": { "deployment": "app-citas" }, "annotations": { "openshift.io/generated-by": "OpenShiftNewApp" } },
                  "spec": { "containers": [ { "name": "citas", "image": "docker.io/josedom24/citas-backend@sha256:42b6ff31b8a86e292f5d4aec63eb074144fc134a427d465c77c641e836467a85",
                    "ports": [ { "containerPort": 10000, "protocol": "TCP" } ], "resources": {} } ] } },
                "strategy": {} } }
            """);
        Assert.True(JsonNode.DeepEquals(expected, Json(objects.Deployment)), Json(objects.Deployment).ToJsonString());
    }

    [Fact]
    public void TheServiceIsWhatOcNewAppSends()
    {
        var objects = NewAppObjects.For(CitasProd("10000/tcp"), new NewAppOptions { Name = "app-citas" });

        var expected = JsonNode.Parse("""
            { "kind": "Service", "apiVersion": "v1",
              "metadata": { "name": "app-citas", "namespace": "NS",
                "labels": { "app": "app-citas", "app.kubernetes.io/component": "app-citas", "app.kubernetes.io/instance": "app-citas" },
                "annotations": { "openshift.io/generated-by": "OpenShiftNewApp" } },
              "spec": { "ports": [ { "name": "10000-tcp", "protocol": "TCP", "port": 10000, "targetPort": 10000 } ],
                        "selector": { "deployment": "app-citas" } } }
            """);
        Assert.NotNull(objects.Service);
        Assert.True(JsonNode.DeepEquals(expected, Json(objects.Service)), Json(objects.Service).ToJsonString());
        Assert.Empty(objects.Warnings);
    }

    [Fact]
    public void WithoutANameTheAppIsNamedAfterTheStream()
    {
        var objects = NewAppObjects.For(CitasProd("10000/tcp"), new NewAppOptions());

        Assert.Equal("citas", objects.Deployment.Metadata.Name);
        Assert.Equal("citas", objects.Service!.Metadata.Name);
    }

    [Fact]
    public void AnImageWithoutPortsGivesADeploymentOnlyAndAWarning()
    {
        var objects = NewAppObjects.For(CitasProd(), new NewAppOptions { Name = "app-citas" });

        Assert.Null(objects.Service);
        Assert.Null(objects.Deployment.Spec.Template.Spec.Containers[0].Ports);
        Assert.Contains("exposes no ports", Assert.Single(objects.Warnings));
    }

    [Fact]
    public void PortsGivenByTheUserReplaceTheImagesPorts()
    {
        var objects = NewAppObjects.For(CitasProd("10000/tcp"), new NewAppOptions { Name = "app-citas", Ports = [8443, 8080] });

        Assert.Equal([8080, 8443], objects.Deployment.Spec.Template.Spec.Containers[0].Ports.Select(p => p.ContainerPort));
        Assert.Equal(["8080-tcp", "8443-tcp"], objects.Service!.Spec.Ports.Select(p => p.Name));
    }

    [Fact]
    public void UdpAndBarePortsKeepTheirProtocolAndAreSortedByPort()
    {
        var objects = NewAppObjects.For(CitasProd("8080", "53/udp"), new NewAppOptions { Name = "dns" });

        Assert.Equal(["53-udp", "8080-tcp"], objects.Service!.Spec.Ports.Select(p => p.Name));
        Assert.Equal(["UDP", "TCP"], objects.Deployment.Spec.Template.Spec.Containers[0].Ports.Select(p => p.Protocol));
    }

    [Fact]
    public void EnvironmentReplicasAndLabelsReachTheDeployment()
    {
        var objects = NewAppObjects.For(CitasProd("10000/tcp"), new NewAppOptions
        {
            Name = "app-citas",
            Replicas = 3,
            Environment = [new("MODE", "prod")],
            Labels = [new("team", "citas")],
        });

        var deployment = objects.Deployment;
        Assert.Equal(3, deployment.Spec.Replicas);
        Assert.Equal("prod", Assert.Single(deployment.Spec.Template.Spec.Containers[0].Env).Value);
        Assert.Equal("citas", deployment.Metadata.Labels["team"]);
        Assert.Equal("app-citas", deployment.Metadata.Labels["app"]);
        Assert.Equal("citas", deployment.Spec.Selector.MatchLabels["team"]);
        Assert.Equal("citas", deployment.Spec.Template.Metadata.Labels["team"]);
        Assert.Equal("citas", objects.Service!.Metadata.Labels["team"]);
    }

    [Fact]
    public void ALabelWithAnImplicitKeyReplacesTheImplicitSet()
    {
        var objects = NewAppObjects.For(CitasProd("10000/tcp"), new NewAppOptions { Name = "app-citas", Labels = [new("app", "citas-prod")] });

        Assert.Equal(new Dictionary<string, string> { ["app"] = "citas-prod" }, objects.Deployment.Metadata.Labels);
    }

    [Fact]
    public void ImageVolumesBecomeEmptyDirVolumesNamedAfterTheContainer()
    {
        var image = CitasProd("10000/tcp") with { Volumes = ["/data"] };

        var spec = NewAppObjects.For(image, new NewAppOptions { Name = "app-citas" }).Deployment.Spec.Template.Spec;

        Assert.Equal("citas-volume-1", Assert.Single(spec.Volumes).Name);
        Assert.NotNull(spec.Volumes[0].EmptyDir);
        Assert.Equal(("/data", "citas-volume-1"), (spec.Containers[0].VolumeMounts[0].MountPath, spec.Containers[0].VolumeMounts[0].Name));
    }

    [Theory]
    [InlineData("App-Citas")]
    [InlineData("1citas")]
    [InlineData("citas_app")]
    [InlineData("citas-")]
    public void ANameThatIsNotADns1035LabelIsRejected(string name) =>
        Assert.Throws<ArgumentException>(() => NewAppObjects.For(CitasProd("10000/tcp"), new NewAppOptions { Name = name }));

    [Fact]
    public void AStreamNameWithDotsStillGivesAValidContainerName()
    {
        var image = new NewAppImage("NS", "python.3.11", "latest", V1, V1PullSpec, [], []);

        var deployment = NewAppObjects.For(image, new NewAppOptions { Name = "py" }).Deployment;

        Assert.Equal("python-3-11", deployment.Spec.Template.Spec.Containers[0].Name);
        Assert.Contains("[?(@.name==\\\"python-3-11\\\")]", deployment.Metadata.Annotations[NewAppObjects.TriggersAnnotation]);
    }
}
