using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Tests.Controllers;

/// <summary>The objects of the tutorial (openshift-image-api.md §0, §7.3) as JSON.</summary>
internal static class TutorialObjects
{
    public const string Namespace = "myproject";
    public const string V1 = "sha256:42b6ff31b8a86e292f5d4aec63eb074144fc134a427d465c77c641e836467a85";
    public const string V2 = "sha256:eae3f65c7760f3834cd08affead4c8972534948b4c73156485e89ea8b9d6ed2d";
    public const string V1Reference = "docker.io/josedom24/citas-backend@" + V1;
    public const string V2Reference = "docker.io/josedom24/citas-backend@" + V2;

    /// <summary>The Deployment `oc new-app citas:prod --name=app-citas` posts (placeholder image " ").</summary>
    public static JsonObject NewAppDeployment(string ns = Namespace) => JsonNode.Parse($$"""
        { "kind": "Deployment", "apiVersion": "apps/v1",
          "metadata": { "name": "app-citas", "namespace": "{{ns}}",
            "labels": { "app": "app-citas", "app.kubernetes.io/component": "app-citas", "app.kubernetes.io/instance": "app-citas" },
            "annotations": {
              "image.openshift.io/triggers": "[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"citas:prod\",\"namespace\":\"{{ns}}\"},\"fieldPath\":\"spec.template.spec.containers[?(@.name==\\\"citas\\\")].image\"}]",
              "openshift.io/generated-by": "OpenShiftNewApp" } },
          "spec": { "replicas": 1, "selector": { "matchLabels": { "deployment": "app-citas" } },
            "template": { "metadata": { "labels": { "deployment": "app-citas" }, "annotations": { "openshift.io/generated-by": "OpenShiftNewApp" } },
              "spec": { "containers": [ { "name": "citas", "image": " ", "ports": [ { "containerPort": 10000, "protocol": "TCP" } ], "resources": {} } ] } },
            "strategy": {} } }
        """)!.AsObject();

    /// <summary>The Service `oc new-app` posts.</summary>
    public static JsonObject NewAppService(string ns = Namespace) => JsonNode.Parse($$"""
        { "kind": "Service", "apiVersion": "v1",
          "metadata": { "name": "app-citas", "namespace": "{{ns}}",
            "labels": { "app": "app-citas", "app.kubernetes.io/component": "app-citas", "app.kubernetes.io/instance": "app-citas" },
            "annotations": { "openshift.io/generated-by": "OpenShiftNewApp" } },
          "spec": { "ports": [ { "name": "10000-tcp", "protocol": "TCP", "port": 10000, "targetPort": 10000 } ],
                    "selector": { "deployment": "app-citas" } } }
        """)!.AsObject();

    /// <summary>The Route `oc expose service app-citas --port=10000` posts.</summary>
    public static JsonObject ExposeRoute(string ns = Namespace) => JsonNode.Parse($$"""
        { "kind": "Route", "apiVersion": "route.openshift.io/v1",
          "metadata": { "name": "app-citas", "namespace": "{{ns}}",
            "labels": { "app": "app-citas", "app.kubernetes.io/component": "app-citas", "app.kubernetes.io/instance": "app-citas" } },
          "spec": { "to": { "name": "app-citas" }, "port": { "targetPort": 10000 } } }
        """)!.AsObject();

    /// <summary>Stream citas after steps 1-6: v1, v2 imported; prod → v1 (or the given tags).</summary>
    public static JsonObject Stream(string ns = Namespace, string? prod = V1, string referencePolicy = "Source")
    {
        JsonObject Spec(string name, JsonObject from) => new()
        {
            ["name"] = name, ["annotations"] = null, ["from"] = from, ["generation"] = 2,
            ["importPolicy"] = new JsonObject { ["importMode"] = "Legacy" },
            ["referencePolicy"] = new JsonObject { ["type"] = referencePolicy },
        };
        JsonObject Status(string tag, string digest) => new()
        {
            ["tag"] = tag,
            ["items"] = new JsonArray(new JsonObject
            {
                ["created"] = "2026-11-26T02:00:00Z",
                ["dockerImageReference"] = "docker.io/josedom24/citas-backend@" + digest,
                ["image"] = digest,
                ["generation"] = 2,
            }),
        };
        var specTags = new JsonArray(
            Spec("v1", new JsonObject { ["kind"] = "DockerImage", ["name"] = "docker.io/josedom24/citas-backend:v1" }),
            Spec("v2", new JsonObject { ["kind"] = "DockerImage", ["name"] = "docker.io/josedom24/citas-backend:v2" }));
        var statusTags = new JsonArray(Status("v1", V1), Status("v2", V2));
        if (prod is not null)
        {
            specTags.Insert(0, Spec("prod", new JsonObject { ["kind"] = "ImageStreamImage", ["name"] = "citas@" + prod }));
            statusTags.Insert(0, Status("prod", prod));
        }
        return new JsonObject
        {
            ["kind"] = "ImageStream",
            ["apiVersion"] = "image.openshift.io/v1",
            ["metadata"] = new JsonObject { ["name"] = "citas", ["namespace"] = ns },
            ["spec"] = new JsonObject { ["lookupPolicy"] = new JsonObject { ["local"] = false }, ["tags"] = specTags },
            ["status"] = new JsonObject
            {
                ["dockerImageRepository"] = $"image-registry.openshift-image-registry.svc:5000/{ns}/citas",
                ["tags"] = statusTags,
            },
        };
    }
}
