using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using ImageStreamPS.OpenShift.Connection;
using ImageStreamPS.OpenShift.ImageStreams;
using ImageStreamPS.Sandbox;

namespace ImageStreamPS.Completers;

/// <summary>
/// Completes <c>Connect-OpenShift -Namespace</c> with the projects of the cluster the command line is
/// about to connect to (-KubeConfig/-Context, -Sandbox, -InCluster; a session already connected to the
/// same server and user is reused), bounded like every cluster completion.
/// </summary>
public sealed class ConnectNamespaceCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        ConnectionProfile profile;
        try
        {
            profile = ProfileOf(fakeBoundParameters);
        }
        catch (Exception exception) when (exception is OpenShiftApiException or IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            return [];
        }

        var connected = Session.RunspaceSessions.Current.All.FirstOrDefault(s =>
            s.IsConnected && s.Server == profile.Server && s.User == profile.User && s.Context == profile.Context);
        var names = connected is not null ? CompletionCatalog.Namespaces(connected.Connection) : CompletionCatalog.Namespaces(profile);
        return ClusterCompletion.Offer(names, wordToComplete);
    }

    private static ConnectionProfile ProfileOf(IDictionary bound)
    {
        if (IsSet(bound["InCluster"])) return ConnectionProfile.InCluster();
        if (IsSet(bound["Sandbox"]))
        {
            var sandbox = bound["DataPath"] is { } dataPath
                ? RunningSandboxes.In([CompletionPaths.Resolve(dataPath.ToString()!)]).FirstOrDefault()
                : RunningSandboxes.Find() is [var only] ? only : null;
            return ConnectionProfile.FromKubeConfig([(sandbox ?? throw new InvalidOperationException("no single running sandbox")).KubeConfigPath], context: null);
        }
        if (bound["Server"] is not null) throw new InvalidOperationException("a token is not known while the line is typed");
        IReadOnlyList<string>? paths = bound["KubeConfig"] switch
        {
            string one => [CompletionPaths.Resolve(one)],
            IEnumerable many => many.Cast<object>().Select(p => CompletionPaths.Resolve(p.ToString()!)).ToList(),
            _ => null,
        };
        return ConnectionProfile.FromKubeConfig(paths, bound["Context"]?.ToString());
    }

    private static bool IsSet(object? value) => value switch
    {
        SwitchParameter s => s.IsPresent,
        bool b => b,
        _ => false,
    };
}

/// <summary>Paths typed on a command line, resolved against the current PowerShell location (not the process's).</summary>
internal static class CompletionPaths
{
    public static string Resolve(string path)
    {
        try
        {
            return System.Management.Automation.Runspaces.Runspace.DefaultRunspace?.SessionStateProxy.Path.GetUnresolvedProviderPathFromPSPath(path) ?? path;
        }
        catch (Exception exception) when (exception is PSInvalidOperationException or ProviderNotFoundException or System.Management.Automation.DriveNotFoundException or NotSupportedException)
        {
            return path;
        }
    }
}
