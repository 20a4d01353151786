using ImageStreamPS.OpenShift.LocalSandbox;
using ImageStreamPS.Session;

namespace ImageStreamPS.Sandbox;

/// <summary>A running local sandbox: its API server, kubeconfig, integrated registry and process.</summary>
public sealed class OpenShiftSandbox
{
    internal OpenShiftSandbox(Uri server, string kubeConfigPath, string registryEndpoint, string dataPath, int processId)
    {
        Server = server;
        KubeConfigPath = kubeConfigPath;
        RegistryEndpoint = registryEndpoint;
        DataPath = dataPath;
        ProcessId = processId;
        StartedHere = SandboxProcess.IsStartedHere(processId);
    }

    /// <summary>The sandbox API server, <c>https://127.0.0.1:PORT</c>.</summary>
    public Uri Server { get; }

    /// <summary>The kubeconfig the sandbox wrote (usable by kubectl and Connect-OpenShift).</summary>
    public string KubeConfigPath { get; }

    /// <summary>The integrated registry, <c>127.0.0.1:PORT</c> (plain HTTP).</summary>
    public string RegistryEndpoint { get; }

    /// <summary>The folder holding the sandbox's data, certificate authority and kubeconfig.</summary>
    public string DataPath { get; }

    /// <summary>The sandbox process id.</summary>
    public int ProcessId { get; }

    /// <summary>
    /// True when this PowerShell process started it. A sandbox started elsewhere (another shell, a
    /// script, the program run by hand) may be in use there: Stop-OpenShiftSandbox asks before stopping
    /// it, unless -Force.
    /// </summary>
    public bool StartedHere { get; }

    /// <summary>
    /// This runspace's session connected to it: the one <c>Start-OpenShiftSandbox -Connect</c> made,
    /// or, from Get-OpenShiftSandbox, the default session (else another connected session) whose server
    /// it is; null when none is. Stop-OpenShiftSandbox disconnects it.
    /// </summary>
    public OpenShiftSession? Session { get; internal set; }

    internal static OpenShiftSandbox From(SandboxDescription sandbox) =>
        new(new Uri(sandbox.Server), sandbox.KubeConfigPath, sandbox.RegistryEndpoint, sandbox.DataPath, sandbox.ProcessId);

    /// <inheritdoc/>
    public override string ToString() => $"{Server} (pid {ProcessId}, {DataPath})";
}
