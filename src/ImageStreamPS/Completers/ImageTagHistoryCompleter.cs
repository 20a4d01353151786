using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Language;
using ImageStreamPS.Model;
using ImageStreamPS.OpenShift.Connection;
using ImageStreamPS.OpenShift.ImageStreams;

namespace ImageStreamPS.Completers;

/// <summary>
/// Completes Undo-ImageTag -To with the indexes of the earlier images in the history of the tag -Name names
/// (1 is the image before the current one), each listed with its image id and when it was tagged.
/// </summary>
public sealed class ImageTagHistoryCompleter : IArgumentCompleter
{
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(1500);

    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        if (ClusterCompletion.SessionOf(fakeBoundParameters) is not { IsConnected: true } session) return [];
        var nameText = fakeBoundParameters["Name"] switch
        {
            string one => one,
            object[] { Length: > 0 } many => many[0]?.ToString(),
            _ => null,
        };
        ImageTagName name;
        try
        {
            if (nameText is null || (name = ImageTagName.Parse(nameText, allowWildcards: false)).Tag is null) return [];
        }
        catch (ArgumentException)
        {
            return [];
        }
        var ns = name.Namespace ?? (fakeBoundParameters["Namespace"]?.ToString() is { Length: > 0 } given ? given : session.Namespace);

        ImageTagView? tag;
        using var timeout = new CancellationTokenSource(Budget);
        try
        {
            var stream = new ImageStreamClient(session.Connection).GetAsync(ns, name.Stream, timeout.Token).WaitAsync(timeout.Token).GetAwaiter().GetResult();
            tag = new ImageStreamView(stream).FindTag(name.Tag);
        }
        catch (Exception)
        {
            // Tab never fails: a slow, unreachable or refusing cluster offers nothing.
            return [];
        }
        if (tag is null) return [];

        var word = wordToComplete.Trim('\'', '"');
        return tag.History
            .Select((item, index) => (Index: index.ToString(CultureInfo.InvariantCulture), Item: item))
            .Skip(1)
            .Where(h => h.Index.StartsWith(word, StringComparison.Ordinal))
            .Select(h =>
            {
                var image = h.Item.Image is { Length: > 0 } id ? id : h.Item.DockerImageReference;
                var when = h.Item.Created is DateTime created ? $" (tagged {created.ToLocalTime():yyyy-MM-dd HH:mm:ss})" : "";
                return new CompletionResult(h.Index, $"{h.Index} {image}", CompletionResultType.ParameterValue, $"{h.Index}: {image}{when}");
            })
            .ToList();
    }
}
