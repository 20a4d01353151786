using System.Management.Automation;
using ImageStreamPS.Model;
using ImageStreamPS.OpenShift.ImageStreams;

namespace ImageStreamPS.Commands;

/// <summary>Deletes image streams, like <c>oc delete is</c>.</summary>
/// <remarks>
/// <para>One <c>DELETE …/imagestreams/NAME</c> per stream (with -PassThru and a name, a <c>GET</c> first, to return the stream). The stream's tags and history go with it; the
/// images themselves stay in the cluster until an administrator prunes them.</para>
/// <para>Asks for confirmation (ConfirmImpact High) unless -Force. A stream that does not exist is an
/// ObjectNotFound error (<c>ImageStreamNotFound</c>) and the pipeline goes on with the next one.</para>
/// </remarks>
/// <example>
/// <code>PS> Remove-ImageStream citas</code>
/// <para>Deletes the stream citas after asking for confirmation.</para>
/// </example>
/// <example>
/// <code>PS> Get-ImageStream tmp-* | Remove-ImageStream -Force -PassThru | Select-Object Namespace, Name</code>
/// <para>Deletes every stream whose name starts with tmp- without prompting (a cleanup runbook) and lists what was removed.</para>
/// </example>
[Cmdlet(VerbsCommon.Remove, "ImageStream", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = NameSet)]
[OutputType(typeof(Model.ImageStream))]
public sealed class RemoveImageStreamCommand : ImageStreamCommandBase
{
    private const string NameSet = "Name";
    private const string InputObjectSet = "InputObject";

    /// <summary>The streams to delete, optionally <c>namespace/name</c>.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = NameSet)]
    [ArgumentCompleter(typeof(Completers.ImageStreamNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = [];

    /// <summary>Streams from Get-ImageStream (their own session and namespace are used).</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
    [ValidateNotNull]
    public Model.ImageStream[] InputObject { get; set; } = [];

    /// <summary>Deletes without asking for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Writes the deleted streams to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var targets = new List<(string Namespace, string Name, Model.ImageStream? Input)>();
        if (ParameterSetName == InputObjectSet)
        {
            targets.AddRange(InputObject.Select(s => (s.Namespace, s.Name, (Model.ImageStream?)s)));
        }
        else
        {
            foreach (var text in Name)
            {
                try
                {
                    var name = ImageTagName.Parse(text, allowWildcards: false);
                    if (name.Tag is not null || name.Id is not null)
                        throw new ArgumentException($"\"{text}\" names a tag or an image; use Remove-ImageTag to remove tags");
                    targets.Add((name.Namespace ?? CurrentNamespace, name.Stream, null));
                }
                catch (ArgumentException exception)
                {
                    WriteError(InvalidName(exception, "ImageStreamNameInvalid", text));
                }
            }
        }

        foreach (var (ns, name, target) in targets)
        {
            var input = target;
            if (input is not null && !TryActOn(input.Session, input.Namespace, input)) continue;
            var description = $"Remove image stream {ns}/{name} with its tags on {CurrentSession.Server.Host}"
                + await ImpactAsync(ns, name, tag: null, Force, cancellationToken).ConfigureAwait(false);
            if (!ShouldProcessUnlessForced(Force, description, description + "\nRemove it?", "Remove-ImageStream")) continue;
            try
            {
                // -PassThru by name: read the stream first when the server's answer may not carry it.
                if (PassThru && input is null) input = ToOutput(await Client.GetAsync(ns, name, cancellationToken).ConfigureAwait(false));
                var deleted = await Client.DeleteAsync(ns, name, cancellationToken).ConfigureAwait(false);
                WriteOutcome($"imagestream.image.openshift.io \"{name}\" deleted");
                if (PassThru)
                {
                    var output = deleted is not null ? ToOutput(deleted) : input;
                    if (output is not null) WriteObject(output);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                WriteError(exception, target: (object?)input ?? $"{ns}/{name}");
            }
        }
    }
}
