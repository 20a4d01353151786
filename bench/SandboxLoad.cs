// Compiled by bench/Measure-Sandbox.ps1 (Add-Type): the sandbox's side of the benchmark, where a
#nullable enable
// PowerShell loop would measure PowerShell. Loopback only; every loop is bounded in count and time.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ImageStreamPS.Bench;

public static class SandboxLoad
{
    private static HttpClient Client(string server, string token)
    {
        // Loopback to the sandbox's own certificate: the chain is not what is measured here.
        var handler = new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
            MaxConnectionsPerServer = 64,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri(server), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>
    /// <paramref name="clients"/> writers, each on its own connection, create ConfigMaps (one durable write
    /// each) for <paramref name="seconds"/> (at most <paramref name="maxWrites"/> in all). Returns acknowledged writes per second.
    /// </summary>
    public static double Writes(string server, string token, string ns, int clients, double seconds, int maxWrites, string prefix)
    {
        var clientsList = Enumerable.Range(0, clients).Select(_ => Client(server, token)).ToList();
        try
        {
            // One request each first: connections and TLS up before the clock starts.
            Task.WaitAll(clientsList.Select((c, i) => Post(c, ns, $"{prefix}-warm-{i}")).ToArray());
            var done = 0;
            var failed = 0;
            var clock = Stopwatch.StartNew();
            var deadline = TimeSpan.FromSeconds(seconds);
            var workers = clientsList.Select((client, index) => Task.Run(async () =>
            {
                for (var i = 0; clock.Elapsed < deadline && Volatile.Read(ref done) < maxWrites; i++)
                {
                    if (await Post(client, ns, $"{prefix}-{index}-{i}")) Interlocked.Increment(ref done);
                    else Interlocked.Increment(ref failed);
                }
            })).ToArray();
            Task.WaitAll(workers);
            var elapsed = clock.Elapsed.TotalSeconds;
            if (failed > 0) throw new InvalidOperationException($"{failed} writes failed");
            return done / elapsed;
        }
        finally
        {
            foreach (var client in clientsList) client.Dispose();
        }
    }

    /// <summary>
    /// Latency of GETs of one object (ms: median, p99) while <paramref name="writers"/> clients write for
    /// <paramref name="seconds"/>: what a cmdlet's read waits for while controllers write (a rollout).
    /// </summary>
    public static double[] ReadsDuringWrites(string server, string token, string ns, int writers, double seconds, string prefix)
    {
        using var reader = Client(server, token);
        Post(reader, ns, prefix + "-read").GetAwaiter().GetResult();
        var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var background = writers == 0 ? Task.CompletedTask : Task.Run(() => Writes(server, token, ns, writers, seconds, 100000, prefix));
        var latencies = new List<double>();
        while (!stop.IsCancellationRequested && latencies.Count < 100000)
        {
            var clock = Stopwatch.StartNew();
            using var response = reader.GetAsync($"/api/v1/namespaces/{ns}/configmaps/{prefix}-read").GetAwaiter().GetResult();
            response.EnsureSuccessStatusCode();
            latencies.Add(clock.Elapsed.TotalMilliseconds);
        }
        background.GetAwaiter().GetResult();
        latencies.Sort();
        return [latencies[latencies.Count / 2], latencies[(int)(latencies.Count * 0.99)]];
    }

    private static async Task<bool> Post(HttpClient client, string ns, string name)
    {
        var body = $$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"{{{name}}}"},"data":{"key":"value"}}""";
        using var response = await client.PostAsync($"/api/v1/namespaces/{ns}/configmaps",
            new StringContent(body, Encoding.UTF8, "application/json")).ConfigureAwait(false);
        return (int)response.StatusCode == 201;
    }

    /// <summary>Creates <paramref name="count"/> image streams of <paramref name="tags"/> tags, each tag with a history of <paramref name="history"/> images, with <paramref name="clients"/> writers.</summary>
    public static void ImageStreams(string server, string token, string ns, int count, int tags, int history, int clients)
    {
        var clientsList = Enumerable.Range(0, clients).Select(_ => Client(server, token)).ToList();
        try
        {
            var next = -1;
            Task.WaitAll(clientsList.Select(client => Task.Run(async () =>
            {
                for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
                    await CreateStream(client, ns, $"stream-{i:D5}", tags, history).ConfigureAwait(false);
            })).ToArray());
        }
        finally
        {
            foreach (var client in clientsList) client.Dispose();
        }
    }

    private static async Task CreateStream(HttpClient client, string ns, string name, int tags, int history)
    {
        var spec = string.Join(",", Enumerable.Range(0, tags).Select(t =>
            $$$"""{"name":"v{{{t}}}","from":{"kind":"DockerImage","name":"quay.io/example/{{{name}}}:v{{{t}}}"},"importPolicy":{},"referencePolicy":{"type":"Source"}}"""));
        var stream = $$$"""{"apiVersion":"image.openshift.io/v1","kind":"ImageStream","metadata":{"name":"{{{name}}}","labels":{"app":"{{{name}}}","tier":"bench"},"annotations":{"openshift.io/display-name":"Stream {{{name}}}"}},"spec":{"lookupPolicy":{"local":false},"tags":[{{{spec}}}]}}""";
        using var created = await client.PostAsync($"/apis/image.openshift.io/v1/namespaces/{ns}/imagestreams",
            new StringContent(stream, Encoding.UTF8, "application/json")).ConfigureAwait(false);
        var text = await created.Content.ReadAsStringAsync().ConfigureAwait(false);
        if ((int)created.StatusCode != 201) throw new InvalidOperationException($"create {name}: {(int)created.StatusCode} {text}");
        var version = System.Text.Json.Nodes.JsonNode.Parse(text)!["metadata"]!["resourceVersion"]!.GetValue<string>();
        var statusTags = string.Join(",", Enumerable.Range(0, tags).Select(t =>
        {
            var items = string.Join(",", Enumerable.Range(0, history).Select(h =>
            {
                var digest = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"{name}/{t}/{h}"))).ToLowerInvariant();
                return $$$"""{"created":"2026-11-{{{10 + h:D2}}}T10:00:00Z","dockerImageReference":"quay.io/example/{{{name}}}@sha256:{{{digest}}}","image":"sha256:{{{digest}}}","generation":1}""";
            }));
            return $$$"""{"tag":"v{{{t}}}","items":[{{{items}}}]}""";
        }));
        // The import controller writes the status of the new stream's tags too (their imports fail here):
        // on a conflict, read the stream again and write the history on top of its newer version.
        for (var attempt = 1; ; attempt++)
        {
            var status = $$$"""{"apiVersion":"image.openshift.io/v1","kind":"ImageStream","metadata":{"name":"{{{name}}}","resourceVersion":"{{{version}}}"},"status":{"dockerImageRepository":"","tags":[{{{statusTags}}}]}}""";
            using var updated = await client.PutAsync($"/apis/image.openshift.io/v1/namespaces/{ns}/imagestreams/{name}/status",
                new StringContent(status, Encoding.UTF8, "application/json")).ConfigureAwait(false);
            if ((int)updated.StatusCode == 200) return;
            if ((int)updated.StatusCode != 409 || attempt == 10)
                throw new InvalidOperationException($"status {name}: {(int)updated.StatusCode} {await updated.Content.ReadAsStringAsync().ConfigureAwait(false)}");
            using var current = await client.GetAsync($"/apis/image.openshift.io/v1/namespaces/{ns}/imagestreams/{name}").ConfigureAwait(false);
            var currentText = await current.Content.ReadAsStringAsync().ConfigureAwait(false);
            version = System.Text.Json.Nodes.JsonNode.Parse(currentText)!["metadata"]!["resourceVersion"]!.GetValue<string>();
        }
    }

    /// <summary>GETs <paramref name="path"/> and reads the whole body; returns its length in bytes.</summary>
    public static long Read(string server, string token, string path)
    {
        using var client = Client(server, token);
        using var response = client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
        using var body = response.Content.ReadAsStream();
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = body.Read(buffer, 0, buffer.Length)) > 0) total += read;
        return total;
    }

    /// <summary>Resident and peak resident memory of a process in bytes (Linux /proc; elsewhere the working set twice).</summary>
    public static long[] Memory(int processId)
    {
        var status = $"/proc/{processId}/status";
        if (!File.Exists(status))
        {
            using var process = Process.GetProcessById(processId);
            return [process.WorkingSet64, process.PeakWorkingSet64];
        }
        long Field(string name) => long.Parse(File.ReadLines(status).First(l => l.StartsWith(name + ":"))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        return [Field("VmRSS"), Field("VmHWM")];
    }

    /// <summary>CPU time (user + system) a process has used so far, in milliseconds (Linux /proc; elsewhere TotalProcessorTime).</summary>
    public static double CpuMilliseconds(int processId)
    {
        var stat = $"/proc/{processId}/stat";
        if (!File.Exists(stat))
        {
            using var process = Process.GetProcessById(processId);
            return process.TotalProcessorTime.TotalMilliseconds;
        }
        // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th, in clock ticks (100 a second).
        var fields = File.ReadAllText(stat);
        var rest = fields[(fields.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(rest[11]) + long.Parse(rest[12])) * 10.0;
    }

    /// <summary>
    /// Starts <paramref name="fileName"/> with <paramref name="arguments"/> (a sandbox program that prints
    /// SANDBOX READY {json}) and times until its first answer to GET /version. Returns [ms to ready line,
    /// ms to first answer, process id]; the process keeps running (the caller stops it).
    /// </summary>
    public static double[] ColdStart(string fileName, string[] arguments, string tokenFile, out Process started)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        info.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
        info.Environment["POWERSHELL_UPDATECHECK"] = "Off";
        var clock = Stopwatch.StartNew();
        var process = Process.Start(info)!;
        started = process;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null && !line.StartsWith("SANDBOX READY ", StringComparison.Ordinal)) { }
        if (line is null) throw new InvalidOperationException("the sandbox exited before it was ready");
        var ready = clock.Elapsed.TotalMilliseconds;
        var server = System.Text.Json.Nodes.JsonNode.Parse(line["SANDBOX READY ".Length..])!["server"]!.GetValue<string>();
        using var client = Client(server, File.ReadAllText(tokenFile).Trim());
        using var response = client.GetAsync("/version").GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
        var answered = clock.Elapsed.TotalMilliseconds;
        var cpu = CpuMilliseconds(process.Id);
        process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        return [ready, answered, process.Id, cpu];
    }
}
