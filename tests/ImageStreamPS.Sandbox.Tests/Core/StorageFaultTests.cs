using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Hosting;
using ImageStreamPS.Sandbox.Images;
using ImageStreamPS.Sandbox.Storage;

namespace ImageStreamPS.Sandbox.Tests.Core;

/// <summary>
/// A full disk or a read-only data folder: the write that met it answers a Status that says so,
/// nothing of it is applied, nothing half-written is left, and the next write succeeds once the
/// cause is gone. In-process through SQLite's own limits (max_page_count gives SQLITE_FULL,
/// query_only gives SQLITE_READONLY), and for real on a small tmpfs where the machine allows it.
/// </summary>
public sealed class StorageFaultTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private static JsonObject ConfigMap(string name, int bytes = 10) =>
        new() { ["metadata"] = new JsonObject { ["name"] = name }, ["data"] = new JsonObject { ["k"] = new string('x', bytes) } };
    private static ObjectKey Key(string name) => new("", "configmaps", "ns", name);

    [Fact]
    public void AFullDatabaseSaysDiskFullAppliesNothingAndRecovers()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "sandbox.db");
        using (var store = ObjectStore.Open(path))
        {
            store.Create(Key("before"), ConfigMap("before"));
            var version = store.ResourceVersion;
            store.Pragma("max_page_count = 1"); // no room for one more page: SQLITE_FULL

            var full = Assert.Throws<StorageFailureException>(() => store.Create(Key("big"), ConfigMap("big", 200_000)));
            var again = Assert.Throws<StorageFailureException>(() => store.Create(Key("big"), ConfigMap("big", 200_000)));

            Assert.Equal(StorageFailure.DiskFull, full.Failure);
            Assert.StartsWith($"disk full: no space left on the device of {path}", full.Message);
            Assert.Contains("the write was not applied", full.WriteRefusedMessage);
            Assert.Equal(StorageFailure.DiskFull, again.Failure); // not "no transaction is active", not "nested transactions"
            Assert.Null(store.Get(Key("big")));
            Assert.Equal(version, store.ResourceVersion);

            store.Pragma("max_page_count = 1073741823"); // space is back
            var created = store.Create(Key("after"), ConfigMap("after", 200_000));
            Assert.Equal((version + 1).ToString(), created["metadata"]!["resourceVersion"]!.GetValue<string>());
        }
        using var reopened = ObjectStore.Open(path);
        Assert.Null(reopened.Get(Key("big")));
        Assert.NotNull(reopened.Get(Key("after")));
    }

    [Fact]
    public void AReadOnlyDatabaseSaysReadOnlyForEveryKindOfWrite()
    {
        using var dir = new TempDirectory();
        using var store = ObjectStore.Open(Path.Combine(dir.Path, "sandbox.db"));
        var created = store.Create(Key("a"), ConfigMap("a"));
        var version = long.Parse(created["metadata"]!["resourceVersion"]!.GetValue<string>());
        store.Pragma("query_only = 1");

        var failures = new[]
        {
            Assert.Throws<StorageFailureException>(() => store.Create(Key("b"), ConfigMap("b"))),
            Assert.Throws<StorageFailureException>(() => store.Update(Key("a"), ConfigMap("a", 20), version)),
            Assert.Throws<StorageFailureException>(() => store.Delete(Key("a"))),
        };

        Assert.All(failures, f => Assert.Equal(StorageFailure.ReadOnly, f.Failure));
        Assert.All(failures, f => Assert.StartsWith("read-only data folder: ", f.Message));
        Assert.Equal(version, store.ResourceVersion);
        Assert.Equal("xxxxxxxxxx", store.Get(Key("a"))!["data"]!["k"]!.GetValue<string>());
        store.Pragma("query_only = 0");
        store.Delete(Key("a"));
        Assert.Null(store.Get(Key("a")));
    }

    [Fact]
    public async Task TheApiAnswersA500StatusThatSaysDiskFullThenRecovers()
    {
        await using var sandbox = new Http.RunningSandbox();
        await sandbox.InitializeAsync();
        const string path = "/api/v1/namespaces/myproject/configmaps";
        sandbox.Host.Core.Store.Pragma("max_page_count = 1");

        var (status, body) = await sandbox.Send(HttpMethod.Post, path, ConfigMap("big", 200_000).ToJsonString());
        var (patchStatus, _) = await sandbox.Send(HttpMethod.Patch, "/api/v1/namespaces/myproject",
            new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { ["big"] = new string('y', 200_000) } } }.ToJsonString(),
            "application/merge-patch+json");
        sandbox.Host.Core.Store.Pragma("max_page_count = 1073741823");
        var (after, _) = await sandbox.Send(HttpMethod.Post, path, ConfigMap("big", 200_000).ToJsonString());

        Assert.Equal(500, status);
        Assert.Equal("InternalError", body!["reason"]!.GetValue<string>());
        Assert.StartsWith("Internal error occurred: disk full: no space left on the device of ", body["message"]!.GetValue<string>());
        Assert.EndsWith("the write was not applied (free some space and retry)", body["message"]!.GetValue<string>());
        Assert.Equal(500, patchStatus);
        Assert.Equal(201, after);
    }

    [Fact]
    public async Task OnARealFullDiskTheApiAndTheRegistrySayDiskFullLeaveNoUploadsAndRecover()
    {
        using var disk = SmallDisk.Mount(16);
        var data = Path.Combine(disk.Path, "sandbox");
        await using var host = await SandboxHost.StartAsync(new CommandLine { DataPath = data }, modules: [new ImageApiModule()]);
        using var api = Client(host.Server, data);
        using var registry = new HttpClient { BaseAddress = new Uri($"http://{host.RegistryEndpoint}") };
        registry.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", File.ReadAllText(Path.Combine(data, "token")).Trim());
        var blob = new byte[1024 * 1024];
        Random.Shared.NextBytes(blob);
        var upload = $"/v2/myproject/app/blobs/uploads/?digest={Uri.EscapeDataString(Digest.Sha256(blob))}";
        var uploads = Path.Combine(data, "registry", "uploads");
        disk.Fill(leaveBytes: 64 * 1024);

        using var apiFull = await api.PostAsync("/api/v1/namespaces/myproject/configmaps", Json(ConfigMap("big", 500_000)), Token);
        using var apiFullAgain = await api.PostAsync("/api/v1/namespaces/myproject/configmaps", Json(ConfigMap("big", 500_000)), Token);
        using var pushFull = await registry.PostAsync(upload, new ByteArrayContent(blob), Token);
        var leftBehind = Directory.GetFiles(uploads);
        disk.Free();
        using var apiAfter = await api.PostAsync("/api/v1/namespaces/myproject/configmaps", Json(ConfigMap("big", 500_000)), Token);
        using var pushAfter = await registry.PostAsync(upload, new ByteArrayContent(blob), Token);

        Assert.Equal(HttpStatusCode.InternalServerError, apiFull.StatusCode);
        Assert.Contains("disk full", await apiFull.Content.ReadAsStringAsync(Token));
        Assert.Contains("disk full", await apiFullAgain.Content.ReadAsStringAsync(Token));
        Assert.Equal(HttpStatusCode.InternalServerError, pushFull.StatusCode);
        var error = JsonNode.Parse(await pushFull.Content.ReadAsStringAsync(Token))!["errors"]![0]!;
        Assert.Equal("UNKNOWN", error["code"]!.GetValue<string>());
        Assert.StartsWith("disk full: ", error["message"]!.GetValue<string>());
        Assert.Empty(leftBehind);
        Assert.Equal(HttpStatusCode.Created, apiAfter.StatusCode);
        Assert.Equal(HttpStatusCode.Created, pushAfter.StatusCode);
        Assert.Empty(Directory.GetFiles(uploads));
    }

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static HttpClient Client(string server, string data)
    {
        var ca = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(data, "ca.crt")));
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                using var chain = new System.Security.Cryptography.X509Certificates.X509Chain();
                chain.ChainPolicy.TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck;
                return certificate is not null && chain.Build(certificate);
            },
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri(server) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", File.ReadAllText(Path.Combine(data, "token")).Trim());
        return client;
    }
}
