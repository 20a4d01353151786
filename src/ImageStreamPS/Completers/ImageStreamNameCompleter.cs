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
        ClusterCompletion.Complete(wordToComplete, fakeBoundParameters, tags: false);
}

/// <summary>Completes <c>stream:tag</c> (and stream names) from the cluster of -Session (or the default session) in -Namespace.</summary>
public sealed class ImageTagNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        ClusterCompletion.Complete(wordToComplete, fakeBoundParameters, tags: true);
}

/// <summary>Completes -Namespace with the projects (or namespaces) of the session's cluster.</summary>
public sealed class NamespaceCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        if (ClusterCompletion.SessionOf(fakeBoundParameters) is not { IsConnected: true } session) return [];
        var prefix = wordToComplete.Trim('\'', '"');
        return CompletionCatalog.Namespaces(session.Connection)
            .Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(n => new CompletionResult(CompletionText.Quote(n), n, CompletionResultType.ParameterValue, n));
    }
}

/// <summary>What the stream and tag completers share: the session and namespace the command line already names.</summary>
internal static class ClusterCompletion
{
    public static Session.OpenShiftSession? SessionOf(IDictionary fakeBoundParameters) =>
        (fakeBoundParameters["Session"] is PSObject wrapped ? wrapped.BaseObject : fakeBoundParameters["Session"]) as Session.OpenShiftSession
        ?? Session.RunspaceSessions.Current.Default;

    public static IEnumerable<CompletionResult> Complete(string wordToComplete, IDictionary fakeBoundParameters, bool tags)
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

        var names = CompletionCatalog.StreamsAndTags(session.Connection, ns)
            .Where(n => tags || !n.Contains(':'))
            // Offer tags once the stream is typed (or the word has a colon); streams otherwise.
            .Where(n => n.StartsWith(word, StringComparison.Ordinal))
            .Where(n => !n.Contains(':') || word.Contains(':') || word.Length > 0 && n.StartsWith(word + ":", StringComparison.Ordinal))
            .Distinct()
            .Order(StringComparer.Ordinal);
        return names.Select(n => new CompletionResult(CompletionText.Quote(prefix + n), n, CompletionResultType.ParameterValue, prefix + n));
    }

}
