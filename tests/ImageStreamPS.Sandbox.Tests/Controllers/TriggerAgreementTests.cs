using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.ImageStreams;
using ImageStreamPS.OpenShift.Tests;
using ImageStreamPS.OpenShift.Triggers;
using ImageStreamPS.Sandbox.Api;
using k8s.Models;
using static ImageStreamPS.Sandbox.Tests.Controllers.TutorialObjects;

namespace ImageStreamPS.Sandbox.Tests.Controllers;

/// <summary>
/// The <c>-WhatIf</c> preview (the engine's <see cref="ImageTriggerPreview"/>) and the sandbox's image trigger
/// controller decide a tag move the same way: the same Deployment, the same containers, the same images. Both
/// apply the engine's ImageTriggerEvaluation, which mirrors library-go <c>trigger.UpdateObjectFromImages</c>
/// (openshift-controller-manager's image trigger controller): resolve first, an empty tag means latest, a trigger
/// whose tag does not resolve is skipped, a bad one whose tag resolves voids the annotation, paused ones are skipped.
/// </summary>
public class TriggerAgreementTests
{
    private const string Container = "spec.template.spec.containers[?(@.name==\\\"{0}\\\")].image";

    /// <summary>One move: the triggers of the Deployment, which tag moves where, and the containers that must roll.</summary>
    public sealed record MoveCase(string Name, string Triggers, string StreamNamespace, string MovedTag, bool Alias, string[] Rolled)
    {
        public override string ToString() => Name;
    }

    private static string Trigger(string from, string container, string? ns = null, bool paused = false) =>
        $$"""{"from":{"kind":"ImageStreamTag","name":"{{from}}"{{(ns is null ? "" : $",\"namespace\":\"{ns}\"")}}},"fieldPath":"{{string.Format(Container, container)}}"{{(paused ? ",\"paused\":true" : "")}}}""";

    public static TheoryData<MoveCase> Cases => new()
    {
        new MoveCase("a plain tag", $"[{Trigger("citas:prod", "a")}]", Namespace, "prod", false, ["a"]),
        new MoveCase("an empty tag follows latest", $"[{Trigger("citas:", "a")}]", Namespace, "latest", false, ["a"]),
        new MoveCase("an unresolved tag next to a good one", $"[{Trigger("citas:nosuch", "a")},{Trigger("citas:prod", "b")}]", Namespace, "prod", false, ["b"]),
        new MoveCase("a bad fieldPath whose tag does not resolve next to a good trigger",
            $"[{Trigger("citas:nosuch", "nope")},{Trigger("citas:prod", "b")}]", Namespace, "prod", false, ["b"]),
        new MoveCase("a bad fieldPath whose tag resolves voids the annotation", $"[{Trigger("citas:v1", "nope")},{Trigger("citas:prod", "b")}]", Namespace, "prod", false, []),
        new MoveCase("a paused trigger", $"[{Trigger("citas:prod", "a", paused: true)}]", Namespace, "prod", false, []),
        new MoveCase("an alias", $"[{Trigger("citas:latest", "a")}]", Namespace, "latest", true, ["a"]),
        new MoveCase("a tag in another namespace", $"[{Trigger("citas:prod", "a", ns: "shared")}]", "shared", "prod", false, ["a"]),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task PreviewAndControllerAgreeOnWhatAMoveRollsOut(MoveCase move)
    {
        await using var cluster = new InProcessCluster();
        var api = cluster.Api;
        if (api.TryGet("", "namespaces", null, "shared") is null)
            api.Create("", "namespaces", null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "shared" } });
        cluster.PutStream(WithLatest(Stream(), V1));
        cluster.PutStream(Stream(ns: "shared"));
        api.Create("apps", "deployments", Namespace, Workload(move.Triggers));
        await cluster.Settle();
        var before = api.Get<V1Deployment>("apps", "deployments", Namespace, "app");

        // The preview, before the move: what Set-ImageTag -WhatIf says.
        var preview = ImageTriggerPreview.Triggered(before, move.StreamNamespace, "citas:" + move.MovedTag, V2Reference,
                (ns, stream, tag) => api.TryGet<ImageStream>("image.openshift.io", "imagestreams", ns, stream)?.ResolvePullSpec(tag))
            .Select(c => (c.Deployment, c.Container, c.NextImage))
            .OrderBy(c => c.Container)
            .ToList();

        // The move, as the API stores it; then what the controller did.
        var moved = move.StreamNamespace == Namespace ? WithLatest(Stream(prod: move.MovedTag == "prod" ? V2 : V1), move.MovedTag == "latest" ? V2 : V1) : Stream(ns: "shared", prod: V2);
        if (move.Alias) AliasLatestTo(moved, "v2");
        cluster.PutStream(moved);
        if (move.Rolled.Length > 0)
            await cluster.Eventually(() => Images(api.Get<V1Deployment>("apps", "deployments", Namespace, "app"))[move.Rolled[0]] == V2Reference ? "" : null,
                $"container {move.Rolled[0]} on the v2 image");
        await cluster.Settle();
        var after = Images(api.Get<V1Deployment>("apps", "deployments", Namespace, "app"));
        var rolled = Images(before)
            .Where(c => after[c.Key] != c.Value)
            .Select(c => ("app", c.Key, after[c.Key]))
            .OrderBy(c => c.Key)
            .ToList();

        Assert.Equal(move.Rolled.Select(c => ("app", c, V2Reference)).ToList(), rolled);
        Assert.Equal(rolled, preview);
    }

    /// <summary>
    /// A captured rollout (bysnupy, OpenShift 4.4): the Deployment before a trigger was added, and after the tag
    /// rolled it. In the sandbox the same annotation on the same Deployment rolls the container to the tag's image by
    /// digest as revision 2, as the server did, and the preview names that container and image.
    /// </summary>
    [Fact]
    public async Task TheCapturedTriggerRollsTheCapturedDeploymentAsTheServerDid()
    {
        var before = (JsonObject)YamlReader.ReadFirst(Fixture.Read("deployment-bysnupy-parksmap-before-trigger.yaml"))!;
        var after = (JsonObject)YamlReader.ReadFirst(Fixture.Read("deployment-bysnupy-parksmap-after-trigger.yaml"))!;
        var ns = before["metadata"]!["namespace"]!.GetValue<string>();
        var name = before["metadata"]!["name"]!.GetValue<string>();
        var annotations = after["metadata"]!["annotations"]!;
        Assert.True(ImageTriggerAnnotation.TryParse(annotations[ImageTriggerAnnotation.Key]!.GetValue<string>(), out var triggers, out _));
        var trigger = Assert.Single(triggers);
        var stream = trigger.From.Name.Split(':')[0];
        var tag = trigger.From.Name.Split(':')[1];
        // The capture redacts the digest ("@sha256:XXX...XXX"); the repository before it is the server's.
        var capturedImage = after["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>();
        var repository = capturedImage[..capturedImage.IndexOf('@')];

        await using var cluster = new InProcessCluster();
        var api = cluster.Api;
        api.Create("", "namespaces", null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } });
        var deployment = (JsonObject)before.DeepClone();
        deployment["apiVersion"] = "apps/v1";
        deployment.Remove("status");
        foreach (var field in new[] { "uid", "resourceVersion", "creationTimestamp", "generation", "selfLink", "annotations" })
            deployment["metadata"]!.AsObject().Remove(field);
        deployment["metadata"]!["annotations"] = new JsonObject { [ImageTriggerAnnotation.Key] = annotations[ImageTriggerAnnotation.Key]!.DeepClone() };
        var parksmap = Stream(ns: ns);
        parksmap["metadata"]!["name"] = stream;
        WithTag(parksmap, tag, V2, repository);
        cluster.PutStream(parksmap);
        var preview = ImageTriggerPreview.Triggered(Wire.Decode<V1Deployment>(deployment), ns, $"{stream}:{tag}", repository + "@" + V2,
            (n, s, t) => api.TryGet<ImageStream>("image.openshift.io", "imagestreams", n, s)?.ResolvePullSpec(t));

        api.Create("apps", "deployments", ns, deployment);

        var rolled = await cluster.Eventually(() => api.Get<V1Deployment>("apps", "deployments", ns, name) is var d
            && d.Metadata.Annotations.TryGetValue("deployment.kubernetes.io/revision", out var revision) && revision == "2" ? d : null, "revision 2");
        Assert.Equal(annotations["deployment.kubernetes.io/revision"]!.GetValue<string>(), rolled.Metadata.Annotations["deployment.kubernetes.io/revision"]);
        var container = Assert.Single(rolled.Spec.Template.Spec.Containers);
        Assert.Equal(repository + "@" + V2, container.Image);
        var named = Assert.Single(preview);
        Assert.Equal((name, container.Name, container.Image), (named.Deployment, named.Container, named.NextImage));
    }

    private static Dictionary<string, string> Images(V1Deployment deployment) =>
        deployment.Spec.Template.Spec.Containers.ToDictionary(c => c.Name, c => c.Image);

    private static JsonObject Workload(string triggers)
    {
        var d = NewAppDeployment();
        d.Metadata()["name"] = "app";
        d.Metadata()["annotations"] = new JsonObject { ["image.openshift.io/triggers"] = triggers };
        d["spec"]!["template"]!["spec"]!["containers"] = new JsonArray(
            new JsonObject { ["name"] = "a", ["image"] = " " },
            new JsonObject { ["name"] = "b", ["image"] = " " });
        return d;
    }

    /// <summary>The stream with a <c>latest</c> tag on <paramref name="digest"/>.</summary>
    private static JsonObject WithLatest(JsonObject stream, string digest) => WithTag(stream, "latest", digest, "docker.io/josedom24/citas-backend");

    /// <summary>The stream with <paramref name="tag"/> on <paramref name="repository"/>@<paramref name="digest"/>.</summary>
    private static JsonObject WithTag(JsonObject stream, string tag, string digest, string repository)
    {
        var name = stream["metadata"]!["name"]!.GetValue<string>();
        stream["spec"]!["tags"]!.AsArray().Add(new JsonObject
        {
            ["name"] = tag, ["from"] = new JsonObject { ["kind"] = "ImageStreamImage", ["name"] = name + "@" + digest },
            ["generation"] = 2, ["importPolicy"] = new JsonObject(), ["referencePolicy"] = new JsonObject { ["type"] = "Source" },
        });
        stream["status"]!["tags"]!.AsArray().Add(new JsonObject
        {
            ["tag"] = tag,
            ["items"] = new JsonArray(new JsonObject
            {
                ["created"] = "2026-11-26T02:00:00Z", ["dockerImageReference"] = repository + "@" + digest,
                ["image"] = digest, ["generation"] = 2,
            }),
        });
        return stream;
    }

    /// <summary><c>oc tag --alias citas:SOURCE citas:latest</c>: latest follows the source tag.</summary>
    private static void AliasLatestTo(JsonObject stream, string source)
    {
        var latest = stream["spec"]!["tags"]!.AsArray().OfType<JsonObject>().Single(t => (string?)t["name"] == "latest");
        latest["from"] = new JsonObject { ["kind"] = "ImageStreamTag", ["name"] = "citas:" + source };
    }
}
