using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using ImageStreamPS.OpenShift.ImageStreams;

namespace ImageStreamPS.Completers;

/// <summary>Completes Route names in -Namespace (Get-AppRoute, Remove-AppRoute).</summary>
public sealed class RouteNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        ClusterCompletion.Names(wordToComplete, fakeBoundParameters, CompletionCatalog.Routes);
}

/// <summary>Completes app names as Get-App and Remove-App find apps: the values of the app label in -Namespace.</summary>
public sealed class AppLabelCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        ClusterCompletion.Names(wordToComplete, fakeBoundParameters, CompletionCatalog.AppLabels);
}
