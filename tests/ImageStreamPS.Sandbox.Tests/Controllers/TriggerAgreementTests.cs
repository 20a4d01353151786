using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.ImageStreams;
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
    private static JsonObject WithLatest(JsonObject stream, string digest)
    {
        stream["spec"]!["tags"]!.AsArray().Add(new JsonObject
        {
            ["name"] = "latest", ["from"] = new JsonObject { ["kind"] = "ImageStreamImage", ["name"] = "citas@" + digest },
            ["generation"] = 2, ["importPolicy"] = new JsonObject(), ["referencePolicy"] = new JsonObject { ["type"] = "Source" },
        });
        stream["status"]!["tags"]!.AsArray().Add(new JsonObject
        {
            ["tag"] = "latest",
            ["items"] = new JsonArray(new JsonObject
            {
                ["created"] = "2026-11-26T02:00:00Z", ["dockerImageReference"] = "docker.io/josedom24/citas-backend@" + digest,
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
