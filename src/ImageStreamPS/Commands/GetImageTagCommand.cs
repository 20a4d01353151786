using System.Management.Automation;
using ImageStreamPS.Model;
using ImageStreamPS.OpenShift.ImageStreams;

namespace ImageStreamPS.Commands;

/// <summary>Gets image stream tags, like <c>oc get istag</c>, including tags that have no image yet.</summary>
/// <remarks>
/// <para>Names: <c>citas</c> (every tag of the stream), <c>citas:v1</c>, <c>citas:v*</c>, <c>ns/citas:v1</c>,
/// <c>citas@sha256:…</c> (the tags currently on that image; a hex prefix works), <c>*:latest</c>.
/// Tags are read from their streams (one <c>GET …/imagestreams/NAME</c> per stream, or one list for
/// wildcard streams and -AllNamespaces), so spec-only tags, whose import is pending or failed, are
/// returned too (with <c>ImportError</c>), unlike <c>oc get istag</c>.</para>
/// <para>A literal tag that does not exist is an ObjectNotFound error (<c>ImageTagNotFound</c>); a missing
/// stream is <c>ImageStreamNotFound</c>.</para>
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
        await foreach (var found in new ImageStreamLookup(Client).FindTagsAsync(names, CurrentNamespace, AllNamespaces, cancellationToken).ConfigureAwait(false))
        {
            if (found.Error is not null) WriteError(found.Error, target: found.Target);
            else if (found.MissingTag is not null) WriteError(NotFound($"imagestreamtags.image.openshift.io \"{found.MissingTag}\" not found", "ImageTagNotFound", found.Target));
            else WriteObject(new ImageTag(found.Tag!, session));
        }
    }
}
