using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using ImageStreamPS.OpenShift.Connection;

namespace ImageStreamPS.Completers;

/// <summary>Completes -Context with the contexts of the kubeconfig (-KubeConfig if already given, else the default files).</summary>
public sealed class KubeConfigContextCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        IReadOnlyList<string>? paths = fakeBoundParameters["KubeConfig"] switch
        {
            string one => [one],
            IEnumerable many => many.Cast<object>().Select(p => p.ToString()!).ToList(),
            _ => null,
        };

        var prefix = wordToComplete.Trim('\'', '"');
        return ConnectionProfile.ContextNames(paths?.Select(CompletionPaths.Resolve).ToList())
            .Where(name => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(name => new CompletionResult(CompletionText.Quote(name), name, CompletionResultType.ParameterValue, name));
    }
}
