using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Tests.Kubectl;

/// <summary>
/// Another real client: Ansible's kubernetes.core and community.okd collections (Debian's ansible package, which
/// build.ps1 installs with apt for the tests), driving the tutorial through a playbook. Skipped, saying why, without them.
/// </summary>
public sealed class AnsibleClientTests(TutorialCluster cluster) : IClassFixture<TutorialCluster>
{
    private const string Playbook = "/usr/bin/ansible-playbook";
    private const string Collections = "/usr/lib/python3/dist-packages/ansible_collections";

    // Each task as a user of the tutorial would write it; the last one prints what the checks read, as JSON.
    private const string Tutorial = """
        - hosts: localhost
          connection: local
          gather_facts: false
          vars:
            stream: &stream
              apiVersion: image.openshift.io/v1
              kind: ImageStream
              metadata: {name: ans-citas, namespace: myproject}
              spec:
                tags:
                  - name: v1
                    from: {kind: DockerImage, name: docker.io/josedom24/citas-backend:v1}
          tasks:
            - name: create
              kubernetes.core.k8s: {state: present, definition: *stream}
              register: created
            - name: again
              kubernetes.core.k8s: {state: present, definition: *stream}
              register: again
            - name: import
              community.okd.openshift_import_image: {namespace: myproject, name: "ans-citas:v2", source: "docker.io/josedom24/citas-backend:v2"}
              register: imported
            - name: istags
              kubernetes.core.k8s_info: {api_version: image.openshift.io/v1, kind: ImageStreamTag, namespace: myproject}
              register: istags
              until: istags.resources | selectattr('metadata.name', 'match', 'ans-citas:') | list | length == 2
              retries: 60
              delay: 1
            - name: okd
              community.okd.k8s: {state: present, definition: *stream}
              register: okd
            - name: deployment
              kubernetes.core.k8s:
                state: present
                wait: true
                wait_timeout: 90
                definition:
                  apiVersion: apps/v1
                  kind: Deployment
                  metadata: {name: ans-web, namespace: myproject}
                  spec:
                    replicas: 1
                    selector: {matchLabels: {app: ans-web}}
                    template:
                      metadata: {labels: {app: ans-web}}
                      spec:
                        containers: [{name: web, image: "docker.io/josedom24/citas-backend:v1", ports: [{containerPort: 10000}]}]
              register: deployed
            - name: scale
              kubernetes.core.k8s_scale: {api_version: apps/v1, kind: Deployment, name: ans-web, namespace: myproject, replicas: 2, wait: true, wait_timeout: 90}
              register: scaled
            - name: service
              kubernetes.core.k8s:
                state: present
                definition:
                  apiVersion: v1
                  kind: Service
                  metadata: {name: ans-web, namespace: myproject}
                  spec: {selector: {app: ans-web}, ports: [{port: 8080, targetPort: 10000}]}
            - name: route
              community.okd.openshift_route: {service: ans-web, namespace: myproject}
              register: route
            - name: delete
              kubernetes.core.k8s: {state: absent, api_version: "{{ item.v }}", kind: "{{ item.k }}", namespace: myproject, name: "{{ item.n }}", wait: true}
              loop:
                - {v: image.openshift.io/v1, k: ImageStream, n: ans-citas}
                - {v: route.openshift.io/v1, k: Route, n: ans-web}
                - {v: v1, k: Service, n: ans-web}
                - {v: apps/v1, k: Deployment, n: ans-web}
              register: deleted
            - name: result
              ansible.builtin.debug:
                msg: "{{ {'created': created.changed, 'again': again.changed, 'imported': imported.changed,
                          'istags': istags.resources | map(attribute='metadata.name') | select('match', 'ans-citas:') | sort,
                          'tags': okd.result.spec.tags | map(attribute='name') | sort, 'okd': okd.changed,
                          'ready': deployed.result.status.readyReplicas, 'scaled': scaled.result.status.readyReplicas,
                          'host': route.result.spec.host, 'deleted': deleted.results | map(attribute='changed') | list} | to_json }}"
        """;

    [Fact]
    public async Task KubernetesCoreAndCommunityOkdRunTheTutorial()
    {
        if (!File.Exists(Playbook) || !Directory.Exists(Path.Combine(Collections, "kubernetes", "core")) ||
            !Directory.Exists(Path.Combine(Collections, "community", "okd")))
            Assert.Skip("ansible with kubernetes.core and community.okd is not installed (build.ps1 Test installs Debian's ansible with apt as root)");
        using var work = new TempDirectory();
        var playbook = Path.Combine(work.Path, "tutorial.yml");
        await File.WriteAllTextAsync(playbook, Tutorial, TestContext.Current.CancellationToken);
        var info = ClientProcess.StartInfo(Playbook, ["-i", "localhost,", playbook]);
        info.Environment["KUBECONFIG"] = cluster.Host.KubeConfigPath;
        info.Environment["HOME"] = work.Path;
        info.Environment["ANSIBLE_LOCAL_TEMP"] = Path.Combine(work.Path, "tmp");
        info.Environment["ANSIBLE_PYTHON_INTERPRETER"] = "/usr/bin/python3";
        info.Environment["ANSIBLE_STDOUT_CALLBACK"] = "json";
        info.Environment["ANSIBLE_NOCOLOR"] = "1";

        var (code, stdout, stderr) = await ClientProcess.Run(info, TimeSpan.FromMinutes(5));

        Assert.True(code == 0, stdout + stderr);
        var tasks = JsonNode.Parse(stdout)!["plays"]![0]!["tasks"]!.AsArray();
        var result = JsonNode.Parse(tasks.Single(t => t!["task"]!["name"]!.GetValue<string>() == "result")!["hosts"]!["localhost"]!["msg"]!.GetValue<string>())!;
        Assert.True(result["created"]!.GetValue<bool>());
        Assert.False(result["again"]!.GetValue<bool>()); // re-applying the same definition changes nothing
        Assert.True(result["imported"]!.GetValue<bool>());
        Assert.Equal(["ans-citas:v1", "ans-citas:v2"], result["istags"]!.AsArray().Select(t => t!.GetValue<string>()));
        // community.okd.k8s applies the file with v1 only as a strategic merge: the imported v2 stays.
        Assert.Equal(["v1", "v2"], result["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.False(result["okd"]!.GetValue<bool>());
        Assert.Equal((1, 2), (result["ready"]!.GetValue<int>(), result["scaled"]!.GetValue<int>()));
        Assert.StartsWith("ans-web-myproject.", result["host"]!.GetValue<string>());
        Assert.Equal([true, true, true, true], result["deleted"]!.AsArray().Select(d => d!.GetValue<bool>()));
    }
}
