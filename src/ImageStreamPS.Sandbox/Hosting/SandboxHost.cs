using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.LocalSandbox;
using ImageStreamPS.Sandbox.Api.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ImageStreamPS.Sandbox.Hosting;

/// <summary>
/// The running sandbox: Kestrel with the HTTPS API on 127.0.0.1:PORT (token required) and the
/// integrated registry's plain-HTTP endpoint on 127.0.0.1:RPORT, the kubeconfig and
/// <c>&lt;data&gt;/sandbox.json</c> written, modules prepared and running. Tests start it in-process with
/// <c>await SandboxHost.StartAsync(new CommandLine { DataPath = dir })</c>; the program does the same.
/// Dispose to stop (removes sandbox.json).
/// </summary>
public sealed class SandboxHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _running = [];
    private bool _disposed;

    private DataDirectoryLock? _lock;

    private SandboxHost(WebApplication app, SandboxCore core, string kubeConfigPath)
    {
        _app = app;
        Core = core;
        KubeConfigPath = kubeConfigPath;
    }

    public SandboxCore Core { get; }
    public string KubeConfigPath { get; }
    public string Server => Core.Settings.Server;
    public string RegistryEndpoint => Core.Settings.PublicRegistryHost;
    public string DataPath => Core.Settings.DataPath;
    public string SandboxJsonPath => SandboxLocations.DescriptionIn(DataPath);
    public IHostApplicationLifetime Lifetime => _app.Lifetime;

    /// <summary>Bookmark cadence for watches with allowWatchBookmarks (Kubernetes: about a minute).</summary>
    public static TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>What SANDBOX READY reports, sandbox.json holds and the list of running sandboxes lists.</summary>
    public SandboxDescription ReadyInfo => new(Server, KubeConfigPath, RegistryEndpoint, DataPath, Environment.ProcessId);

    /// <summary>The list of running sandboxes this one is in while it runs (<c>--running-list</c>), if any.</summary>
    private string? RunningList { get; init; }

    public static async Task<SandboxHost> StartAsync(CommandLine options, IReadOnlyList<ISandboxModule>? modules = null, CancellationToken cancellationToken = default)
    {
        modules ??= SandboxModules.All;
        EnsureThreadsForWriters();
        var settings = options.ToSettings();
        var directoryLock = DataDirectoryLock.Acquire(settings.DataPath);
        try
        {
            var host = await StartLockedAsync(options, modules, settings, cancellationToken);
            host._lock = directoryLock;
            return host;
        }
        catch
        {
            directoryLock.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A write holds its thread-pool thread until its group commit is durable (the store answers
    /// synchronously), so concurrent writers need as many threads at once. The pool's floor is the
    /// core count and it adds threads beyond that only about twice a second: eight clients on two
    /// cores waited for threads rather than for the disk, and fewer writes shared each commit (#18).
    /// </summary>
    private static void EnsureThreadsForWriters()
    {
        const int Writers = 64;
        ThreadPool.GetMinThreads(out var workers, out var io);
        if (workers < Writers) ThreadPool.SetMinThreads(Writers, io);
    }

    private static async Task<SandboxHost> StartLockedAsync(CommandLine options, IReadOnlyList<ISandboxModule> modules, SandboxSettings settings,
        CancellationToken cancellationToken)
    {
        // Start-up runs in parallel: certificates, storage and Kestrel do not depend on each other,
        // and requests arriving before the store is open simply wait for it.
        var certificates = Task.Run(() => CertificateAuthority.LoadOrCreate(settings.DataPath), cancellationToken);
        var tls = certificates.ContinueWith(c => ServingContext(c.Result.ServerCertificate), cancellationToken,
            TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        var token = Task.Run(() => AccessToken.LoadOrCreate(settings.DataPath), cancellationToken);
        var opening = Task.Run(() => SandboxCore.Open(settings.DataPath, settings, catalog =>
        {
            settings.Token = token.Result;
            foreach (var module in modules) module.Register(catalog, settings);
        }), cancellationToken);
        var pipeline = opening.ContinueWith(core => new ApiPipeline(core.Result.Api, token.Result, new RequestMetrics(),
            new OpenApiDocuments(core.Result.Catalog), BookmarkInterval), cancellationToken, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);

        // The empty builder: no configuration files (and no watcher on the program's folder), environment
        // variables, logging or hosting defaults; only Kestrel and routing, set up here (#18).
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // The API enforces its own 3 MiB limit; registry blob uploads are larger.
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(new TlsHandshakeCallbackOptions
                {
                    OnConnection = async _ => new SslServerAuthenticationOptions { ServerCertificateContext = await tls.ConfigureAwait(false) },
                });
            });
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1);
        });
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        app.MapWhen(context => !context.Request.IsHttps, registry =>
        {
            registry.UseRouting();
            registry.UseEndpoints(endpoints =>
            {
                foreach (var module in modules) module.MapRegistry(endpoints);
            });
            registry.Run(context =>
            {
                context.Response.StatusCode = 404;
                return Task.CompletedTask;
            });
        });
        if (FaultInjection.Enabled) app.Use(FaultInjection.Middleware(token));
        app.Run(async context => await (await pipeline).Handle(context));

        SandboxCore core;
        try
        {
            await app.StartAsync(cancellationToken);
            await certificates; // a data folder that cannot take them stops the start here
            core = await opening;
            await tls;
        }
        catch
        {
            await app.DisposeAsync();
            try { (await opening).Dispose(); }
            catch (Exception e) when (e is not OperationCanceledException) { Console.Error.WriteLine($"sandbox: storage failed to open: {e.Message}"); }
            throw;
        }
        await pipeline;
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var api = new Uri(addresses.First(a => a.StartsWith("https://", StringComparison.Ordinal)));
        var registryUri = new Uri(addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal)));
        settings.Server = $"https://127.0.0.1:{api.Port}";
        settings.PublicRegistryHost = $"127.0.0.1:{registryUri.Port}";

        var kubeConfigPath = options.KubeConfigPath ?? Path.Combine(settings.DataPath, "kubeconfig");
        KubeConfigFile.Write(kubeConfigPath, settings.Server, (await certificates).CaPem, await token);
        var host = new SandboxHost(app, core, kubeConfigPath) { RunningList = options.RunningListPath };
        try
        {
            foreach (var module in modules) await module.PrepareAsync(core, cancellationToken);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
        foreach (var module in modules)
            host._running.Add(Task.Run(() => module.RunAsync(core, host._stopping.Token)));
        OwnerOnly.WriteAllText(host.SandboxJsonPath, host.ReadyInfo.ToJson());
        if (host.RunningList is { } list) RunningSandboxList.Add(list, host.ReadyInfo);
        return host;
    }

    /// <summary>
    /// What TLS serves: the certificate and its chain. Kestrel given the certificate builds the chain
    /// when it starts listening, reading the system's CA store with certificate downloads allowed (about
    /// 120 ms of CPU on the way to the first answer); built here once, offline (the sandbox's CA is in
    /// no store and the certificate names no issuer to download), in parallel with the rest of the start
    /// (#18). The same chain is served: the certificate alone, as the client holds the CA.
    /// </summary>
    private static SslStreamCertificateContext ServingContext(X509Certificate2 certificate) =>
        SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true);

    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        _stopping.Cancel();
        try { await Task.WhenAll(_running).WaitAsync(TimeSpan.FromSeconds(5)); }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException) { }
        catch (Exception e) { Console.Error.WriteLine($"sandbox: a module failed while stopping: {e.Message}"); }
        Core.Store.Watches.CompleteAll();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Core.Dispose();
        if (RunningList is { } list) RunningSandboxList.Remove(list, Environment.ProcessId);
        try { File.Delete(SandboxJsonPath); } catch (IOException) { }
        _stopping.Dispose();
        _lock?.Dispose();
    }
}
