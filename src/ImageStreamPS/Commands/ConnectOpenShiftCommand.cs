using System.Management.Automation;
using System.Net;
using System.Security;
using ImageStreamPS.Completers;
using ImageStreamPS.OpenShift.Connection;
using ImageStreamPS.Sandbox;
using ImageStreamPS.Session;

namespace ImageStreamPS.Commands;

/// <summary>Connects to an OpenShift (or Kubernetes) cluster and returns the session every other cmdlet uses.</summary>
/// <remarks>
/// Connect-OpenShift builds an authenticated client in memory, checks it with one cheap request
/// (GET /version) and returns an OpenShiftSession. Unless -NotDefault is given, the session becomes
/// the default of the current runspace: cmdlets without -Session use it. Defaults are kept per
/// runspace, so runbooks running in parallel in one process cannot switch each other's cluster.
///
/// Where the credentials come from:
/// - kubeconfig (default): the files in $env:KUBECONFIG merged as kubectl merges them (the first
///   file that defines a name wins), else ~/.kube/config; -KubeConfig names files explicitly and
///   -Context picks a context other than current-context. Tokens, client certificates and exec
///   credential plugins work as KubernetesClient supports them.
/// - -Server and -Token: a bearer token (for example from 'oc whoami -t') as a SecureString.
/// - -InCluster: the pod's service account.
/// - -Sandbox: the running local sandbox (its own kubeconfig): the only one running, whichever shell
///   started it and wherever its data lives; when several run, -DataPath names one (the error lists
///   them with the command for each), and when none runs the error says how to start one.
///
/// The user's kubeconfig is only read, never written. The token never appears in the session's
/// properties, its string form, verbose output or error messages. -Namespace sets the namespace
/// cmdlets use by default (otherwise the context's namespace, or 'default' when it has none).
///
/// A server address with plain http and a token (from -Token or the kubeconfig) is refused
/// (InsecureServer, SecurityError): over http anyone on the network path can read the bearer token
/// and act as you. kubectl would send it; this module does not, because a runbook that leaks a
/// service account's token cannot take it back. The one exception is the loopback address (kubectl
/// proxy, a cluster on this machine), where the token never leaves the machine: that connects with a
/// warning. With a custom certificate authority the server's certificate must also be for the host
/// name connected to, as kubectl checks it.
/// </remarks>
/// <example>
/// <code>PS> Connect-OpenShift -Context dev/api-ocp-example-com:6443/developer -Namespace citas</code>
/// <para>Connects with a context of the kubeconfig and makes the session the default, working in namespace citas.</para>
/// <para>Needs a real cluster: a kubeconfig with that context.</para>
/// </example>
/// <example>
/// <code>PS> $token = Get-Secret OcpToken   # a SecureString
/// PS> $prod = Connect-OpenShift -Server https://api.prod.example.com:6443 -Token $token -NotDefault
/// PS> Get-ImageStream -Session $prod -Namespace citas</code>
/// <para>In a runbook: connects with a service-account token without changing the default session, and passes the session explicitly.</para>
/// <para>Needs a real cluster: the token (here from the SecretManagement module) of a service account on it.</para>
/// </example>
/// <example>
/// <code>PS> Connect-OpenShift -Sandbox</code>
/// <para>Connects to the running local sandbox, also one another shell started; when several run, the error lists the command that connects to each.</para>
/// </example>
/// <example>
/// <code>PS> Start-OpenShiftSandbox -Seed Tutorial | Connect-OpenShift</code>
/// <para>Starts the local sandbox and connects to it (the same as Start-OpenShiftSandbox -Connect).</para>
/// </example>
[Cmdlet(VerbsCommunications.Connect, "OpenShift", DefaultParameterSetName = KubeConfigSet)]
[OutputType(typeof(OpenShiftSession))]
public sealed class ConnectOpenShiftCommand : PipelineCmdlet
{
    private const string KubeConfigSet = "KubeConfig";
    private const string TokenSet = "Token";
    private const string InClusterSet = "InCluster";
    private const string SandboxSet = "Sandbox";
    private const string SandboxObjectSet = "SandboxObject";

    /// <summary>The kubeconfig file(s) to read; several are merged like a KUBECONFIG list. Default: $env:KUBECONFIG, then ~/.kube/config.</summary>
    [Parameter(ParameterSetName = KubeConfigSet)]
    [Alias("Path")]
    [ValidateNotNullOrEmpty]
    public string[]? KubeConfig { get; set; }

    /// <summary>The kubeconfig context to use instead of its current-context.</summary>
    [Parameter(ParameterSetName = KubeConfigSet, Position = 0)]
    [ArgumentCompleter(typeof(KubeConfigContextCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Context { get; set; }

    /// <summary>The API server address, such as https://api.cluster.example.com:6443.</summary>
    [Parameter(ParameterSetName = TokenSet, Mandatory = true)]
    public Uri? Server { get; set; }

    /// <summary>The bearer token (for example the output of 'oc whoami -t', as a SecureString).</summary>
    [Parameter(ParameterSetName = TokenSet, Mandatory = true)]
    public SecureString? Token { get; set; }

    /// <summary>A PEM file with the certificate authority that signed the server's certificate (default: the system's trusted roots).</summary>
    [Parameter(ParameterSetName = TokenSet)]
    [ValidateNotNullOrEmpty]
    public string? CertificateAuthority { get; set; }

    /// <summary>Connects with the service account of the pod this runs in.</summary>
    [Parameter(ParameterSetName = InClusterSet, Mandatory = true)]
    public SwitchParameter InCluster { get; set; }

    /// <summary>Connects to the running local sandbox: the only one running (started from any shell), or the one with data in -DataPath.</summary>
    [Parameter(ParameterSetName = SandboxSet, Mandatory = true)]
    public SwitchParameter Sandbox { get; set; }

    /// <summary>The data folder of the sandbox to connect to, when several run.</summary>
    [Parameter(ParameterSetName = SandboxSet)]
    [ValidateNotNullOrEmpty]
    public string? DataPath { get; set; }

    /// <summary>A sandbox from Start-OpenShiftSandbox or Get-OpenShiftSandbox to connect to.</summary>
    [Parameter(ParameterSetName = SandboxObjectSet, Mandatory = true, ValueFromPipeline = true)]
    public OpenShiftSandbox? InputObject { get; set; }

    /// <summary>The namespace (project) cmdlets use by default in this session, instead of the context's namespace.</summary>
    [Parameter]
    [Alias("Project", "ns")]
    [ArgumentCompleter(typeof(ConnectNamespaceCompleter))]
    [ValidateNotNullOrEmpty]
    [ValidateNamespace]
    public string? Namespace { get; set; }

    /// <summary>Accepts the server's certificate without verifying it (insecure: writes a warning).</summary>
    [Parameter]
    public SwitchParameter SkipCertificateCheck { get; set; }

    /// <summary>Returns the session without making it the runspace's default.</summary>
    [Parameter]
    public SwitchParameter NotDefault { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var profile = Profile();
        if (!string.IsNullOrEmpty(Namespace))
        {
            profile.WithNamespace(Namespace);
        }

        if (SkipCertificateCheck)
        {
            profile.WithoutCertificateCheck();
            WriteWarning($"The certificate of {profile.Server.GetLeftPart(UriPartial.Authority)} will not be verified: anyone on the network path can read the token and the traffic.");
        }

        if (profile.SendsCredentialsInClearText && profile.Server.IsLoopback)
        {
            WriteWarning($"{profile.Server.GetLeftPart(UriPartial.Authority)} is plain http: the token is sent unencrypted. It stays on this machine (loopback); any other http server is refused.");
        }

        OpenShiftConnection connection;
        try
        {
            connection = await OpenShiftConnection.OpenAsync(profile, cancellationToken).ConfigureAwait(false);
        }
        catch (OpenShiftApiException exception)
        {
            ThrowTerminatingError(ToErrorRecord(exception, target: profile.Server));
            throw;
        }

        var session = new OpenShiftSession(connection, profile.Namespace);
        OnPipeline(() => RunspaceSessions.Current.Add(session, makeDefault: !NotDefault));
        WriteVerbose($"Connected to {session.Server} ({session.ServerVersion}) as {session.User ?? "(unknown user)"}, namespace {session.Namespace}.");
        WriteOutcome($"Connected to \"{session.Server.ToString().TrimEnd('/')}\" as \"{session.User ?? "(unknown user)"}\", using project \"{session.Namespace}\"" + (NotDefault ? "." : " (the default session)."));
        WriteObject(session);
    }

    /// <summary>The sandbox -Sandbox means: the one running with data in -DataPath, else the only one running.</summary>
    private OpenShiftSandbox RunningSandbox()
    {
        if (DataPath is not null)
        {
            var dataPath = ResolvePath(DataPath);
            if (RunningSandboxes.In([dataPath]).FirstOrDefault() is { } there)
            {
                return there;
            }

            ThrowTerminatingError(new ErrorRecord(
                new InvalidOperationException($"No sandbox is running with data in {dataPath}. Start one with Start-OpenShiftSandbox -DataPath '{Quoted(dataPath)}', or list the running ones with Get-OpenShiftSandbox."),
                "SandboxNotRunning", ErrorCategory.ObjectNotFound, dataPath));
        }

        var running = RunningSandboxes.Find();
        if (running.Count == 0)
        {
            ThrowTerminatingError(new ErrorRecord(
                new InvalidOperationException("No sandbox is running. Start one with Start-OpenShiftSandbox -Connect (which also connects to it), or with Start-OpenShiftSandbox and then Connect-OpenShift -Sandbox."),
                "SandboxNotRunning", ErrorCategory.ObjectNotFound, null));
        }

        if (running.Count > 1)
        {
            var choices = running.Select(s => $"  Connect-OpenShift -Sandbox -DataPath '{Quoted(s.DataPath)}'   # process {s.ProcessId}, {s.Server}");
            ThrowTerminatingError(new ErrorRecord(
                new InvalidOperationException($"{running.Count} sandboxes are running; choose one:{Environment.NewLine}{string.Join(Environment.NewLine, choices)}"),
                "SandboxAmbiguous", ErrorCategory.InvalidOperation, running.ToArray()));
        }

        return running[0];
    }

    private static string Quoted(string text) => text.Replace("'", "''", StringComparison.Ordinal);

    private ConnectionProfile Profile()
    {
        switch (ParameterSetName)
        {
            case TokenSet:
                var token = new NetworkCredential(string.Empty, Token).Password;
                if (string.IsNullOrEmpty(token))
                {
                    ThrowTerminatingError(new ErrorRecord(new ArgumentException("The token is empty."), "TokenEmpty", ErrorCategory.InvalidArgument, null));
                }

                return ConnectionProfile.FromToken(Server!, token, CertificateAuthority is null ? null : ResolvePath(CertificateAuthority));
            case InClusterSet:
                return ConnectionProfile.InCluster();
            case SandboxSet:
                return ConnectionProfile.FromKubeConfig([RunningSandbox().KubeConfigPath], context: null);
            case SandboxObjectSet:
                return ConnectionProfile.FromKubeConfig([InputObject!.KubeConfigPath], context: null);
            default:
                var paths = KubeConfig?.Select(ResolvePath).ToList();
                return ConnectionProfile.FromKubeConfig(paths, Context);
        }
    }
}
