using System.Management.Automation;
using ImageStreamPS.OpenShift.ImageStreams;

namespace ImageStreamPS.Commands;

/// <summary>Gets image streams, like <c>oc get is</c> and <c>oc describe is</c>.</summary>
/// <remarks>
/// <para>A literal name is one <c>GET …/imagestreams/NAME</c>; no name, a wildcard or -AllNamespaces is a
/// <c>GET …/imagestreams</c> list (across all namespaces with -AllNamespaces) read 500 at a time as kubectl
/// reads it, filtered here, each page written as it arrives (<c>Select-Object -First</c> stops the reading). A literal
/// name that does not exist is an ObjectNotFound error (<c>ImageStreamNotFound</c>); a wildcard that
/// matches nothing returns nothing.</para>
/// <para>Names may carry a namespace (<c>openshift/httpd</c>). The table view shows the columns of
/// <c>oc get is</c> (the repository last, so narrow windows keep the tags; <c>Format-Table -View Wide</c>
/// has oc's order). <c>Format-Custom</c> prints exactly what <c>oc describe is</c> prints, flush left;
/// <c>Format-List</c> shows the same fields as a list, each image by its short digest (a list indents
/// its values, and whole digests would wrap); the hidden <c>Description</c> property holds oc's text.</para>
/// </remarks>
/// <example>
/// <code>PS> Get-ImageStream citas | Format-Custom</code>
/// <para>Describes the stream citas: header, unique images and one block per tag, exactly as <c>oc describe is citas</c> prints it.</para>
/// </example>
/// <example>
/// <code>PS> Get-ImageStream -AllNamespaces | Where-Object { $_.Tags.ImportError } | Select-Object Namespace, Name</code>
/// <para>Finds, in a runbook, every stream in the cluster with a tag whose last import failed.</para>
/// </example>
/// <example>
/// <code>PS> Get-ImageStream -AllNamespaces -First 10</code>
/// <para>Shows the first ten streams of the cluster; the list stops after the page they are on (500 streams a page).</para>
/// </example>
/// <example>
/// <code>PS> Get-ImageStream app-* | Get-ImageTag</code>
/// <para>Lists the tags of every stream whose name starts with app-.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "ImageStream", DefaultParameterSetName = "Name", SupportsPaging = true)]
[OutputType(typeof(Model.ImageStream))]
public sealed class GetImageStreamCommand : ImageStreamCommandBase
{
    /// <summary>Stream names, optionally <c>namespace/name</c>; wildcards allowed. All streams when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(Completers.ImageStreamNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>Looks in every namespace the session can list, like <c>oc get is -A</c>.</summary>
    [Parameter]
    [Alias("A")]
    public SwitchParameter AllNamespaces { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var names = new List<ImageTagName>();
        foreach (var text in Name ?? ["*"])
        {
            try
            {
                var name = ImageTagName.Parse(text, allowWildcards: true);
                if (name.Tag is not null || name.Id is not null)
                    throw new ArgumentException($"\"{text}\" names a tag or an image; Get-ImageStream takes stream names (use Get-ImageTag for tags)");
                names.Add(name);
            }
            catch (ArgumentException exception)
            {
                WriteError(InvalidName(exception, "ImageStreamNameInvalid", text));
            }
        }
        if (names.Count == 0 || !WantsMore) return;

        await foreach (var found in new ImageStreamLookup(Client, OutputTakenAsync).FindStreamsAsync(names, CurrentNamespace, AllNamespaces, cancellationToken).ConfigureAwait(false))
        {
            if (found.Error is not null) WriteError(found.Error, target: found.Target);
            else WritePaged(ToOutput(found.Stream!));
            if (!WantsMore)
            {
                StoppedByFirst();
                break;
            }
        }
    }
}
