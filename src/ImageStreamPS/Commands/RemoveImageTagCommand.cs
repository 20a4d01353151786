using System.Management.Automation;
using ImageStreamPS.Model;
using ImageStreamPS.OpenShift.ImageStreams;

namespace ImageStreamPS.Commands;

/// <summary>Removes image stream tags and their history, like <c>oc tag -d</c> and <c>oc delete istag</c>.</summary>
/// <remarks>
/// <para>One <c>DELETE …/imagestreamtags/STREAM:TAG</c> per tag: the spec tag and its whole history go.
/// The images stay in the cluster, and Deployments that follow the tag keep running the image they
/// have (a trigger never reverts).</para>
/// <para>Asks for confirmation (ConfirmImpact High) unless -Force. A tag that does not exist is an
/// ObjectNotFound error (<c>ImageTagNotFound</c>) and the pipeline goes on with the next one.</para>
/// </remarks>
/// <example>
/// <code>PS> Remove-ImageTag citas:latest</code>
/// <para>Removes the tag latest from the stream citas after asking, like <c>oc tag -d citas:latest</c>.</para>
/// </example>
/// <example>
/// <code>PS> Get-ImageTag citas:pr-* | Remove-ImageTag -Force</code>
/// <para>Removes, in a cleanup job, every tag of citas whose name starts with pr- without prompting.</para>
/// </example>
[Cmdlet(VerbsCommon.Remove, "ImageTag", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = NameSet)]
[OutputType(typeof(void))]
public sealed class RemoveImageTagCommand : ImageStreamCommandBase
{
    private const string NameSet = "Name";
    private const string InputObjectSet = "InputObject";

    /// <summary>The tags to remove: <c>citas:latest</c> or <c>ns/citas:latest</c>.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = NameSet)]
    [ArgumentCompleter(typeof(Completers.ImageTagNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = [];

    /// <summary>Tags from Get-ImageTag (their own session and namespace are used).</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
    [ValidateNotNull]
    public ImageTag[] InputObject { get; set; } = [];

    /// <summary>Removes without asking for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var targets = new List<(string Namespace, string Stream, string Tag, object Input)>();
        if (ParameterSetName == InputObjectSet)
        {
            targets.AddRange(InputObject.Select(t => (t.Namespace, t.ImageStream, t.Tag, (object)t)));
        }
        else
        {
            targets.AddRange(ParseTagNames(Name).Select(t => (t.Namespace, t.Stream, t.Tag, (object)t.Text)));
        }

        foreach (var (ns, stream, tag, input) in targets)
        {
            if (input is ImageTag item && !TryActOn(item.Session, item.Namespace, item)) continue;
            var description = $"Remove tag {ns}/{stream}:{tag} and its history on {CurrentSession.Server.Host}"
                + await ImpactAsync(ns, stream, tag, Force, cancellationToken).ConfigureAwait(false);
            if (!ShouldProcessUnlessForced(Force, description, description + "\nRemove it?", "Remove-ImageTag")) continue;
            try
            {
                await Client.DeleteTagAsync(ns, stream, tag, cancellationToken).ConfigureAwait(false);
                WriteOutcome($"Deleted tag {ns}/{stream}:{tag}.");
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                WriteError(exception, IsReason(exception, "NotFound") ? "ImageTagNotFound" : null, input);
            }
        }
    }
}
