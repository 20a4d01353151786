using System.Management.Automation;
using ImageStreamPS.Model;
using ImageStreamPS.OpenShift.Connection;
using ImageStreamPS.OpenShift.ImageStreams;

namespace ImageStreamPS.Commands;

/// <summary>Gets image stream tags, like <c>oc get istag</c>, including tags that have no image yet.</summary>
/// <remarks>
/// <para>Names: <c>citas</c> (every tag of the stream), <c>citas:v1</c>, <c>citas:v*</c>, <c>ns/citas:v1</c>,
/// <c>citas@sha256:…</c> (the tags currently on that image; a hex prefix works), <c>*:latest</c>.
/// Tags are read from their streams (one <c>GET …/imagestreams/NAME</c> per stream, or one list for
/// wildcard streams and -AllNamespaces, read 500 streams at a time), so spec-only tags, whose import is pending or failed, are
/// returned too (with <c>ImportError</c>), unlike <c>oc get istag</c>.</para>
/// <para>A literal tag that does not exist is an ObjectNotFound error (<c>ImageTagNotFound</c>); a missing
/// stream is <c>ImageStreamNotFound</c>.</para>
/// <para>-Detailed also reads what <c>oc describe istag</c> shows about each tag's image into its Details
/// (when it was built, architecture, size and layers, entrypoint and command, exposed ports, labels such as
/// <c>version</c>, environment): one <c>GET …/imagestreamimages/STREAM@ID</c> per distinct image.</para>
/// </remarks>
/// <example>
/// <code>PS> Get-ImageTag citas</code>
/// <para>Lists the tags of the stream citas with their image reference and age, like <c>oc get istag</c>.</para>
/// </example>
/// <example>
/// <code>PS> $image = (Get-ImageTag citas:prod -ErrorAction Stop).Image</code>
/// <para>Reads in a runbook the image id prod points to, stopping the runbook when the tag is missing.</para>
/// </example>
/// <example>
/// <code>PS> (Get-ImageTag citas:v2 -Detailed).Details</code>
/// <para>Shows the image behind citas:v2 like <c>oc describe istag citas:v2</c>: built when, architecture, size, command, exposed ports and labels.</para>
/// </example>
/// <example>
/// <code>PS> Get-ImageTag citas -Detailed | Select-Object Name, @{ n = 'Version'; e = { $_.Details.Labels['version'] } }, @{ n = 'Ports'; e = { $_.Details.ExposedPorts } }</code>
/// <para>Lists each tag of citas with the version label and the ports of its image.</para>
/// </example>
/// <example>
/// <code>PS> Get-ImageTag citas:v2 | Set-ImageTag -Destination citas:prod</code>
/// <para>Promotes the image of v2 to prod.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "ImageTag")]
[OutputType(typeof(ImageTag))]
public sealed class GetImageTagCommand : ImageStreamCommandBase
{
    /// <summary>Tags or streams: <c>citas</c>, <c>citas:v1</c>, <c>citas:v*</c>, <c>ns/citas:v1</c>, <c>citas@sha256:…</c>. Every tag when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(Completers.ImageTagNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>Looks in every namespace the session can list.</summary>
    [Parameter]
    [Alias("A")]
    public SwitchParameter AllNamespaces { get; set; }

    /// <summary>Also reads each tag's image, as <c>oc describe istag</c> shows it, into Details.</summary>
    [Parameter]
    public SwitchParameter Detailed { get; set; }

    // One read per distinct image of a stream, shared by the tags on it.
    private readonly Dictionary<(string Namespace, string Stream, string Image), ImageDetails?> details = [];

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var names = new List<ImageTagName>();
        foreach (var text in Name ?? ["*"])
        {
            try
            {
                names.Add(ImageTagName.Parse(text, allowWildcards: true));
            }
            catch (ArgumentException exception)
            {
                WriteError(InvalidName(exception, "ImageTagNameInvalid", text));
            }
        }
        if (names.Count == 0) return;

        var session = CurrentSession;
        await foreach (var found in new ImageStreamLookup(Client, OutputTakenAsync).FindTagsAsync(names, CurrentNamespace, AllNamespaces, cancellationToken).ConfigureAwait(false))
        {
            if (found.Error is not null) WriteError(found.Error, target: found.Target);
            else if (found.MissingTag is not null) WriteError(NotFound($"imagestreamtags.image.openshift.io \"{found.MissingTag}\" not found", "ImageTagNotFound", found.Target));
            else await WriteTagAsync(new ImageTag(found.Tag!, session), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WriteTagAsync(ImageTag tag, CancellationToken cancellationToken)
    {
        if (Detailed && tag.Image.Length > 0)
        {
            var key = (tag.Namespace, tag.ImageStream, tag.Image);
            if (!details.TryGetValue(key, out var read))
            {
                try
                {
                    read = new ImageDetails(await new ImageStreamImageClient(Connection).GetAsync(tag.Namespace, tag.ImageStream, tag.Image, tag.Name, cancellationToken).ConfigureAwait(false));
                }
                catch (OpenShiftApiException exception)
                {
                    WriteError(exception, target: tag);
                    read = null;
                }
                details[key] = read;
            }
            tag.Details = read;
        }
        WriteObject(tag);
    }
}
