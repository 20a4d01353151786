using ImageStreamPS.OpenShift.Connection;

namespace ImageStreamPS.Session;

/// <summary>
/// A connection to one cluster, returned by <c>Connect-OpenShift</c> and accepted by every cmdlet's
/// <c>-Session</c>. Holds the authenticated client in memory; no property, format or string form
/// of it contains the token.
/// </summary>
public sealed class OpenShiftSession
{
    private static int lastId;
    private OpenShiftConnection? connection;

    internal OpenShiftSession(OpenShiftConnection connection, string @namespace)
    {
        this.connection = connection;
        Id = Interlocked.Increment(ref lastId);
        Server = connection.Server;
        Context = connection.Profile.Context;
        User = connection.Profile.User;
        ServerVersion = connection.ServerVersion;
        SkipCertificateCheck = connection.Profile.SkipCertificateCheck;
        Namespace = @namespace;
        ConnectedAt = DateTime.Now;
    }

    /// <summary>A number that identifies the session in this process.</summary>
    public int Id { get; }

    /// <summary>The API server address.</summary>
    public Uri Server { get; }

    /// <summary>The kubeconfig context the session was made from (empty for -Server/-Token and -InCluster).</summary>
    public string? Context { get; }

    /// <summary>Who the session acts as, when known (the kubeconfig user or the token's subject).</summary>
    public string? User { get; }

    /// <summary>The namespace cmdlets use when -Namespace is not given (changed by Set-OpenShiftSession).</summary>
    public string Namespace { get; internal set; }

    /// <summary>Whether this is the current runspace's default session.</summary>
    public bool IsDefault => RunspaceSessions.Current.Default == this;

    /// <summary>The Kubernetes version the server reports (GET /version).</summary>
    public string ServerVersion { get; }

    /// <summary>When the session was connected (local time).</summary>
    public DateTime ConnectedAt { get; }

    /// <summary>Whether the server's certificate is accepted without verification.</summary>
    public bool SkipCertificateCheck { get; }

    /// <summary>False once Disconnect-OpenShift has closed the session.</summary>
    public bool IsConnected => Volatile.Read(ref connection) is not null;

    /// <summary>The engine connection; throws once the session is disconnected.</summary>
    internal OpenShiftConnection Connection => Volatile.Read(ref connection)
        ?? throw new InvalidOperationException($"Session {Id} to {Server} is disconnected; connect again with Connect-OpenShift.");

    internal void Disconnect() => Interlocked.Exchange(ref connection, null)?.Dispose();

    /// <summary><c>user@server (namespace)</c>, plus the context when there is one.</summary>
    public override string ToString()
    {
        var who = string.IsNullOrEmpty(User) ? "" : User + "@";
        var context = string.IsNullOrEmpty(Context) ? "" : $" [{Context}]";
        return $"{who}{Server.GetLeftPart(UriPartial.Authority)}{context} ({Namespace})";
    }
}
