using System.Text.RegularExpressions;

namespace ImageStreamPS.Sandbox.Tests.Kubectl;

/// <summary>
/// The kubectl commands a user of the tutorial types, for image streams, image stream tags and imports,
/// Deployments, ReplicaSets, Pods, Services and Routes, each with the outcome kubectl gets from a real
/// cluster (its output line, exit code, or the error from server). One row per object's life; the steps
/// of a row run in order against the tutorial sandbox.
/// </summary>
public sealed partial class KubectlTutorialTable(TutorialCluster cluster) : IClassFixture<TutorialCluster>
{
    /// <summary>
    /// One command (arguments split on spaces, '...' keeps spaces), then what kubectl prints: <paramref name="Out"/> is the
    /// whole trimmed standard output, or a regular expression when it starts with '~'; <paramref name="Error"/> a part of
    /// standard error, which makes the expected exit code 1.
    /// </summary>
    public sealed record Step(string Command, string? Out = null, string? Error = null);

    private static readonly Dictionary<string, string> Files = new()
    {
        ["is.yaml"] = """
            apiVersion: image.openshift.io/v1
            kind: ImageStream
            metadata:
              name: t-citas
            spec:
              tags:
              - name: v1
                from:
                  kind: DockerImage
                  name: docker.io/josedom24/citas-backend:v1
            """,
        ["istag.yaml"] = """
            apiVersion: image.openshift.io/v1
            kind: ImageStreamTag
            metadata:
              name: t-tags:v2
            tag:
              name: v2
              from:
                kind: DockerImage
                name: docker.io/josedom24/citas-backend:v2
            """,
        ["isi.yaml"] = """
            apiVersion: image.openshift.io/v1
            kind: ImageStreamImport
            metadata:
              name: t-imp
            spec:
              import: true
              images:
              - from:
                  kind: DockerImage
                  name: docker.io/josedom24/citas-backend:v1
                to:
                  name: v1
            """,
        ["isi-typo.yaml"] = """
            apiVersion: image.openshift.io/v1
            kind: ImageStreamImport
            metadata:
              name: t-imp2
            spec:
              import: true
              images:
              - form:
                  kind: DockerImage
                  name: docker.io/josedom24/citas-backend:v1
            """,
        ["route.yaml"] = """
            apiVersion: route.openshift.io/v1
            kind: Route
            metadata:
              name: t-route
            spec:
              to:
                kind: Service
                name: t-svc
              port:
                targetPort: 8080
            """,
    };

    private const string Digest = "sha256:[0-9a-f]{64}";

    // kubectl rollout status prints "Waiting for ..." lines while the rollout runs, then this.
    private const string Rolled = "~(?:^|\\n)deployment \"t-web\" successfully rolled out$";

    public static readonly Dictionary<string, Step[]> Rows = new()
    {
        ["imagestream"] =
        [
            new("apply -f is.yaml", "imagestream.image.openshift.io/t-citas created"),
            new("wait --for=jsonpath={.status.tags[0].tag}=v1 is/t-citas --timeout=60s", "imagestream.image.openshift.io/t-citas condition met"),
            new("get istag t-citas:v1 -o jsonpath={.image.dockerImageReference}", $"~^docker\\.io/josedom24/citas-backend@{Digest}$"),
            // Set-ImageTag t-citas:v1 t-citas:prod, then the unchanged file again: strategic merge keeps prod.
            new("""patch is t-citas --type=json -p [{"op":"add","path":"/spec/tags/-","value":{"name":"prod","from":{"kind":"ImageStreamTag","name":"t-citas:v1"}}}]""",
                "imagestream.image.openshift.io/t-citas patched"),
            new("apply -f is.yaml", "imagestream.image.openshift.io/t-citas configured"),
            new("get is t-citas -o jsonpath={.spec.tags[*].name}", "prod v1"),
            new("label is t-citas team=web", "imagestream.image.openshift.io/t-citas labeled"),
            new("annotate is t-citas note=tutorial", "imagestream.image.openshift.io/t-citas annotated"),
            new("get is t-citas", @"~^NAME\s+IMAGE REPOSITORY\s+TAGS\s+UPDATED\nt-citas\s+\S+/myproject/t-citas\s+prod,v1\s+.+ago$"),
            new("get is t-citas -o yaml", @"~(?s)^apiVersion: image\.openshift\.io/v1\nkind: ImageStream\n.*\n    team: web\n.*  tags:\n  - annotations: null\n    from:\n      kind: ImageStreamTag\n      name: t-citas:v1\n"),
            new("describe is t-citas", @"~(?m)^Name:\s+t-citas$"),
            new("explain is.spec.tags.from", "~FIELD: from <ObjectReference>"),
            new("explain is.status.tags.items", @"~FIELD: items <\[\]TagEvent>"),
            new("delete is t-citas", "imagestream.image.openshift.io \"t-citas\" deleted"),
            new("get is t-citas", Error: "Error from server (NotFound): imagestreams.image.openshift.io \"t-citas\" not found"),
        ],
        ["imagestreamtag"] =
        [
            new("create -f istag.yaml", "imagestreamtag.image.openshift.io/t-tags:v2 created"),
            new("get istag t-tags:v2 -o jsonpath={.tag.from.name}", "docker.io/josedom24/citas-backend:v2"),
            new("wait --for=jsonpath={.status.tags[0].tag}=v2 is/t-tags --timeout=60s", "imagestream.image.openshift.io/t-tags condition met"),
            new("get istag t-tags:v2", $"~^NAME\\s+IMAGE REFERENCE\\s+UPDATED\\nt-tags:v2\\s+docker\\.io/josedom24/citas-backend@{Digest}\\s+.+ago$"),
            new("create -f istag.yaml", Error: "Error from server (AlreadyExists)"),
            new("delete istag t-tags:v2", "imagestreamtag.image.openshift.io \"t-tags:v2\" deleted"),
            new("get istag t-tags:v2", Error: "Error from server (NotFound)"),
        ],
        ["imagestreamimport"] =
        [
            // Create-only: kubectl validates it on the client with /openapi/v2 (after asking whether it is a CRD).
            new("create -f isi.yaml", "imagestreamimport.image.openshift.io/t-imp created"),
            new("get istag t-imp:v1 -o jsonpath={.image.dockerImageReference}", $"~^docker\\.io/josedom24/citas-backend@{Digest}$"),
            new("create -f isi-typo.yaml",
                Error: "error validating data: ValidationError(ImageStreamImport.spec.images[0]): unknown field \"form\" in com.github.openshift.api.image.v1.ImageImportSpec"),
            new("delete is t-imp", "imagestream.image.openshift.io \"t-imp\" deleted"),
        ],
        ["deployment"] =
        [
            new("create deployment t-web --image=nginx:1.25 --replicas=2", "deployment.apps/t-web created"),
            new("rollout status deploy/t-web --timeout=60s", Rolled),
            new("get rs -l app=t-web -o jsonpath={.items[*].spec.replicas}", "2"),
            new("get pod -l app=t-web -o name", @"~^pod/t-web-[a-z0-9]{6,10}-[a-z0-9]{5}\npod/t-web-[a-z0-9]{6,10}-[a-z0-9]{5}$"),
            new("set image deploy/t-web nginx=nginx:1.26", "deployment.apps/t-web image updated"),
            new("rollout status deploy/t-web --timeout=60s", Rolled),
            new("rollout history deploy/t-web", @"~^deployment\.apps/t-web\s*\nREVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>$"),
            new("rollout undo deploy/t-web", "deployment.apps/t-web rolled back"),
            new("rollout status deploy/t-web --timeout=60s", Rolled),
            new("get deploy t-web -o jsonpath={.spec.template.spec.containers[0].image}", "nginx:1.25"),
            new("scale deploy t-web --replicas=3", "deployment.apps/t-web scaled"),
            new("edit deploy t-web", "deployment.apps/t-web edited"),
            new("get deploy t-web -o jsonpath={.spec.replicas}", "1"),
            new("get deploy t-web", @"~^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\nt-web\s+\d/1\s+\d\s+\d\s+\S+$"),
            new("describe deploy t-web", @"~(?m)^Replicas:\s+1 desired"),
            new("explain deployment.spec.replicas", "~FIELD: replicas <integer>"),
            new("delete deploy t-web", "deployment.apps \"t-web\" deleted"),
            new("get deploy t-web", Error: "Error from server (NotFound): deployments.apps \"t-web\" not found"),
        ],
        ["service-and-route"] =
        [
            new("create service clusterip t-svc --tcp=80:8080", "service/t-svc created"),
            new("get svc t-svc -o jsonpath={.spec.ports[0].port}/{.spec.ports[0].targetPort}", "80/8080"),
            new("apply -f route.yaml", "route.route.openshift.io/t-route created"),
            new("get route t-route -o jsonpath={.spec.host}", "t-route-myproject.apps.sandbox.localhost"),
            new("get route t-route", @"~^NAME\s+HOST/PORT\s+PATH\s+SERVICES\s+PORT\s+TERMINATION\s+WILDCARD\nt-route\s+t-route-myproject\.apps\.sandbox\.localhost\s+t-svc\s+8080\s+None$"),
            new("apply -f route.yaml", "route.route.openshift.io/t-route unchanged"),
            new("delete route t-route", "route.route.openshift.io \"t-route\" deleted"),
            new("delete svc t-svc", "service \"t-svc\" deleted"),
        ],
        ["pod"] =
        [
            new("create configmap t-settings --from-literal=mode=tutorial", "configmap/t-settings created"),
            new("run t-pod --image=busybox:1.36 --labels=app=t-pod -- sleep 3600", "pod/t-pod created"),
            new("wait --for=condition=Ready pod/t-pod --timeout=60s", "pod/t-pod condition met"),
            new("get pod t-pod", @"~^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\nt-pod\s+1/1\s+Running\s+0\s+\S+$"),
            new("describe pod t-pod", @"~(?m)^Status:\s+Running$"),
            new("delete pod t-pod", "pod \"t-pod\" deleted"),
            new("get pod t-pod", Error: "Error from server (NotFound): pods \"t-pod\" not found"),
            new("delete configmap t-settings", "configmap \"t-settings\" deleted"),
        ],
    };

    public static TheoryData<string> Names => new(Rows.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public async Task KubectlGetsWhatItGetsFromACluster(string row)
    {
        KubectlRunner.SkipIfMissing();
        using var kubectl = new KubectlRunner(cluster.Host.KubeConfigPath);
        foreach (var (name, yaml) in Files) kubectl.Manifest(name, yaml);
        kubectl.ExtraEnvironment["KUBE_EDITOR"] = "sed -i 's/replicas: 3/replicas: 1/'";
        foreach (var step in Rows[row])
        {
            if (step.Command.StartsWith("edit ", StringComparison.Ordinal) && OperatingSystem.IsWindows()) continue;
            var (code, stdout, stderr) = await kubectl.Run(Split(step.Command));
            var what = $"kubectl {step.Command}\nexit {code}\nstdout: {stdout}\nstderr: {stderr}";
            if (step.Error is not null)
            {
                Assert.True(code == 1, what);
                Assert.True(stderr.Contains(step.Error, StringComparison.Ordinal), what);
                continue;
            }
            Assert.True(code == 0, what);
            var output = stdout.Trim().Replace("\r\n", "\n");
            if (step.Out is ['~', .. var pattern]) Assert.True(Regex.IsMatch(output, pattern), what);
            else if (step.Out is not null) Assert.True(output == step.Out, what);
        }
    }

    private static string[] Split(string command) =>
        Words().Matches(command).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Value).ToArray();

    [GeneratedRegex(@"'([^']*)'|\S+")]
    private static partial Regex Words();
}
