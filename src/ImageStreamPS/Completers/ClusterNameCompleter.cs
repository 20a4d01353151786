using System.Collections;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Management.Automation.Language;
using ImageStreamPS.OpenShift.Connection;
using ImageStreamPS.Session;

namespace ImageStreamPS.Completers;

/// <summary>
/// Base for completers that list names from the cluster (image streams, tags, deployments, ...).
/// Uses the command's -Session (else the runspace default) and -Namespace (else the session's),
/// gives up after <see cref="Budget"/> so Tab never hangs, and caches answers briefly.
/// </summary>
public abstract class ClusterNameCompleter : IArgumentCompleter
{
    /// <summary>How long completion may wait for the cluster before it offers nothing.</summary>
    protected static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(1500);

    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(10);
    private static readonly ConcurrentDictionary<string, (DateTime At, IReadOnlyList<string> Names)> Cache = new();

    /// <summary>The names to offer in <paramref name="namespace"/>, before filtering by what was typed.</summary>
    protected abstract Task<IReadOnlyList<string>> NamesAsync(OpenShiftConnection connection, string @namespace, CancellationToken cancellationToken);

    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var session = fakeBoundParameters["Session"] switch
        {
            OpenShiftSession given => given,
            PSObject { BaseObject: OpenShiftSession wrapped } => wrapped,
            _ => RunspaceSessions.Current.Default,
        };
        if (session is not { IsConnected: true })
        {
            return [];
        }

        var @namespace = fakeBoundParameters["Namespace"] as string ?? session.Namespace;
        var key = $"{GetType().FullName}|{session.Id}|{@namespace}";
        IReadOnlyList<string> names;
        if (Cache.TryGetValue(key, out var cached) && DateTime.UtcNow - cached.At < CacheLifetime)
        {
            names = cached.Names;
        }
        else
        {
            using var timeout = new CancellationTokenSource(Budget);
            try
            {
                names = NamesAsync(session.Connection, @namespace, timeout.Token).WaitAsync(timeout.Token).GetAwaiter().GetResult();
            }
            catch (Exception exception) when (exception is OperationCanceledException or OpenShiftApiException or InvalidOperationException)
            {
                return [];
            }

            Cache[key] = (DateTime.UtcNow, names);
        }

        var prefix = wordToComplete.Trim('\'', '"');
        return names
            .Where(name => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(name => new CompletionResult(CompletionText.Quote(name), name, CompletionResultType.ParameterValue, name));
    }
}
