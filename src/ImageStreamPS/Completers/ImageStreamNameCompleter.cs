using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using ImageStreamPS.OpenShift.ImageStreams;

namespace ImageStreamPS.Completers;

/// <summary>Completes image stream names (<c>citas</c>, <c>ns/citas</c>) from the cluster of -Session (or the default session) in -Namespace.</summary>
public sealed class ImageStreamNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        ClusterCompletion.StreamsAndTags(wordToComplete, fakeBoundParameters, tags: false);
}

/// <summary>Completes <c>stream:tag</c> (and stream names) from the cluster of -Session (or the default session) in -Namespace.</summary>
public sealed class ImageTagNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        ClusterCompletion.StreamsAndTags(wordToComplete, fakeBoundParameters, tags: true);
}

/// <summary>Completes app names (Deployments, and DeploymentConfigs where served) in -Namespace.</summary>
public sealed class AppNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        ClusterCompletion.Names(wordToComplete, fakeBoundParameters, CompletionCatalog.Apps);
}

/// <summary>Completes Service names in -Namespace.</summary>
public sealed class ServiceNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        ClusterCompletion.Names(wordToComplete, fakeBoundParameters, CompletionCatalog.Services);
}

/// <summary>Completes -Namespace with the projects (or namespaces) of the session's cluster.</summary>
public sealed class NamespaceCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        ClusterCompletion.Names(wordToComplete, fakeBoundParameters, (connection, _) => CompletionCatalog.Namespaces(connection));
}

/// <summary>
/// What the cluster name completers share: the session the command line names (-Session, else the
/// runspace default) and its namespace (-Namespace, else the session's), matching what was typed
/// case-insensitively, with names quoted as the command line needs them.
/// </summary>
internal static class ClusterCompletion
{
    public static Session.OpenShiftSession? SessionOf(IDictionary fakeBoundParameters) =>
        (fakeBoundParameters["Session"] is PSObject wrapped ? wrapped.BaseObject : fakeBoundParameters["Session"]) as Session.OpenShiftSession
        ?? Session.RunspaceSessions.Current.Default;

    public static IEnumerable<CompletionResult> Names(
        string wordToComplete, IDictionary fakeBoundParameters, Func<OpenShift.Connection.OpenShiftConnection, string, IReadOnlyList<string>> names)
    {
        if (SessionOf(fakeBoundParameters) is not { IsConnected: true } session) return [];
        var ns = fakeBoundParameters["Namespace"]?.ToString() is { Length: > 0 } given ? given : session.Namespace;
        return Offer(names(session.Connection, ns), wordToComplete);
    }

    /// <summary>The names that start with what was typed (any case), sorted, quoted where needed.</summary>
    public static IEnumerable<CompletionResult> Offer(IEnumerable<string> names, string wordToComplete, string prefix = "")
    {
        var word = wordToComplete.Trim('\'', '"');
        return names
            .Where(n => (prefix + n).StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(n => new CompletionResult(CompletionText.Quote(prefix + n), prefix + n, CompletionResultType.ParameterValue, prefix + n));
    }

    public static IEnumerable<CompletionResult> StreamsAndTags(string wordToComplete, IDictionary fakeBoundParameters, bool tags)
    {
        if (SessionOf(fakeBoundParameters) is not { IsConnected: true } session) return [];
        var word = wordToComplete.Trim('\'', '"');
        var ns = fakeBoundParameters["Namespace"]?.ToString() is { Length: > 0 } given ? given : session.Namespace;
        var prefix = "";
        var slash = word.IndexOf('/');
        if (slash > 0)
        {
            prefix = word[..(slash + 1)];
            ns = word[..slash];
            word = word[(slash + 1)..];
        }

        // Offer tags once the stream is typed (or the word has a colon); streams otherwise.
        var names = CompletionCatalog.StreamsAndTags(session.Connection, ns)
            .Where(n => tags || !n.Contains(':'))
            .Where(n => !n.Contains(':') || word.Contains(':') || word.Length > 0 && n.StartsWith(word + ":", StringComparison.OrdinalIgnoreCase));
        return Offer(names, prefix + word, prefix);
    }
}
