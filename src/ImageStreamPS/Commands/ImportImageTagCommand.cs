using System.Management.Automation;
using ImageStreamPS.Model;
using ImageStreamPS.OpenShift.Api;
using ImageTag = ImageStreamPS.Model.ImageTag;
using ImageStreamPS.OpenShift.Connection;
using ImageStreamPS.OpenShift.ImageStreams;
using ImageStreamPS.OpenShift.Images;

namespace ImageStreamPS.Commands;

/// <summary>Imports images from a registry into image stream tags, like <c>oc import-image</c>.</summary>
/// <remarks>
/// <para>Makes the requests <c>oc import-image</c> makes: <c>GET …/imagestreams/NAME</c>, then one
/// <c>POST …/imagestreamimports</c>. The registry resolves the tag to a digest, the image is stored,
/// and the tag's spec points to the pull spec you gave. Returns the resulting ImageTag, one per
/// imported tag (read from the import's answer: no further request).</para>
/// <para>Without -From an existing tag is re-imported from its own source (a tag that follows another
/// tag or an image cannot be re-imported; a different -From is refused: use Set-ImageTag to change a
/// source). A failed import is an ErrorRecord carrying the registry's reason (NotFound, Unauthorized,
/// ...) with id <c>ImageImportFailed</c>; the tag keeps its previous image and records the error.</para>
/// <para>-All imports every tag of the repository (<c>spec.repository</c>) and shows progress. -Force
/// creates a missing stream (like <c>--confirm</c>); without it a missing stream is an ObjectNotFound
/// error (<c>ImageStreamNotFound</c>).</para>
/// </remarks>
/// <example>
/// <code>PS> Import-ImageTag citas:v1 -From docker.io/josedom24/citas-backend:v1</code>
/// <para>Imports the image and tags it citas:v1, like <c>oc import-image citas:v1 --from=docker.io/josedom24/citas-backend:v1</c>.</para>
/// </example>
/// <example>
/// <code>PS> try { Import-ImageTag citas:v9 -From docker.io/josedom24/citas-backend:v9 -ErrorAction Stop }
/// PS> catch { Write-Warning "import failed: $($_.Exception.Message)" }</code>
/// <para>Stops a runbook step on a failed import and reports the registry's message.</para>
/// </example>
/// <example>
/// <code>PS> Import-ImageTag citas -From docker.io/josedom24/citas-backend -All -Force | Select-Object Name, Image</code>
/// <para>Creates the stream if needed and imports every tag of the repository.</para>
/// </example>
[Cmdlet(VerbsData.Import, "ImageTag", SupportsShouldProcess = true)]
[OutputType(typeof(ImageTag))]
public sealed class ImportImageTagCommand : ImageStreamCommandBase
{
    /// <summary>The tag to import into (<c>citas:v1</c>; <c>citas</c> means <c>citas:latest</c>, or the whole repository with -All).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(Completers.ImageTagNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>The image to import (<c>docker.io/josedom24/citas-backend:v1</c>); with -All, the repository.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? From { get; set; }

    /// <summary>Imports every tag of the repository given by -From.</summary>
    [Parameter]
    public SwitchParameter All { get; set; }

    /// <summary>Re-imports the tag periodically (about every 15 minutes on OpenShift).</summary>
    [Parameter]
    public SwitchParameter Scheduled { get; set; }

    /// <summary><c>Source</c>: consumers pull from the original registry; <c>Local</c>: through the cluster's integrated registry.</summary>
    [Parameter]
    [ValidateSet("Source", "Local")]
    public string? ReferencePolicy { get; set; }

    /// <summary>Allows plain HTTP and unverified TLS when talking to the registry.</summary>
    [Parameter]
    public SwitchParameter Insecure { get; set; }

    /// <summary><c>Legacy</c> imports one platform of a multi-arch image; <c>PreserveOriginal</c> keeps the manifest list.</summary>
    [Parameter]
    [ValidateSet("Legacy", "PreserveOriginal")]
    public string? ImportMode { get; set; }

    /// <summary>Creates the image stream when it does not exist (like <c>oc import-image --confirm</c>).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        ImageTagName target;
        try
        {
            target = ImageTagName.Parse(Name, allowWildcards: false);
            if (target.Id is not null) throw new ArgumentException($"to import images by ID, use Set-ImageTag (\"{Name}\")");
            if (All && target.Tag is not null) throw new ArgumentException($"cannot specify a tag \"{target.Tag}\" as well as -All");
        }
        catch (ArgumentException exception)
        {
            WriteError(InvalidName(exception, "ImageTagNameInvalid", Name));
            return;
        }

        var ns = target.Namespace ?? CurrentNamespace;
        var tag = All ? null : target.Tag ?? "latest";
        var display = $"{ns}/{target.Stream}" + (tag is null ? "" : ":" + tag);

        try
        {
            // A -From that can only fail (a port that cannot exist) is refused before reading the stream.
            RegistryHost.EnsureValidPort(From);
        }
        catch (ArgumentException exception)
        {
            WriteError(new ErrorRecord(exception, "ImageImportInvalid", ErrorCategory.InvalidArgument, display) { ErrorDetails = new ErrorDetails(exception.Message) });
            return;
        }

        OpenShift.Api.ImageStream? stream = null;
        try
        {
            stream = await Client.GetAsync(ns, target.Stream, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsReason(exception, "NotFound") && Force)
        {
        }
        catch (Exception exception) when (IsReason(exception, "NotFound"))
        {
            WriteError(NotFound($"no image stream named \"{target.Stream}\" exists, pass -Force to create and import", "ImageStreamNotFound", display));
            return;
        }

        var options = new ImageImportOptions(Scheduled.IsPresent, Insecure.IsPresent, ReferencePolicy, ImportMode);
        ImageStreamImport Build(OpenShift.Api.ImageStream? read) => All
            ? ImageStreamImportRequest.ForRepository(ns, target.Stream, read, From, options)
            : ImageStreamImportRequest.ForTag(ns, target.Stream, tag!, read, From ?? (read is null ? Name : null), options);

        ImageStreamImport request;
        try
        {
            request = Build(stream);
        }
        catch (ArgumentException exception)
        {
            WriteError(new ErrorRecord(exception, "ImageImportInvalid", ErrorCategory.InvalidArgument, display) { ErrorDetails = new ErrorDetails(exception.Message) });
            return;
        }

        var source = ImageStreamImportRequest.SourceOf(request);
        if (!ShouldProcess($"{display} on {CurrentSession.Server.Host}", $"Import image from {source}")) return;

        var activity = new ProgressRecord(1, $"Importing {source}", All ? "waiting for the registry to list and import the tags" : "waiting for the registry");
        if (All) WriteProgress(activity);
        ImageStreamImport answer;
        try
        {
            // Sent again, rebuilt from a fresh read, when another writer changed the stream first (409).
            answer = await Client.ImportAsync(ns, target.Stream, stream, read => ReferenceEquals(read, stream) ? request : (request = Build(read)), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            if (All) WriteProgress(new ProgressRecord(1, activity.Activity, "failed") { RecordType = ProgressRecordType.Completed });
            WriteError(exception, target: display);
            return;
        }

        var imported = answer.Status.Import is { } result ? ToOutput(result) : null;
        var results = All ? answer.Status.Repository?.Images ?? [] : answer.Status.Images ?? [];
        for (var i = 0; i < results.Count; i++)
        {
            var item = results[i];
            // A single import names the tag it wrote (spec.images[i].to), not the tag it read from the registry.
            var tagName = All ? item.Tag : request.Spec.Images?.ElementAtOrDefault(i)?.To?.Name ?? tag;
            if (All)
            {
                WriteProgress(new ProgressRecord(1, activity.Activity, $"{i + 1} of {results.Count}: {tagName}")
                {
                    PercentComplete = (int)((i + 1) * 100L / results.Count),
                });
            }

            if (!item.Status.IsSuccess)
            {
                var status = item.Status;
                var failure = new OpenShiftApiException(ApiFailure.Status, string.IsNullOrEmpty(status.Reason) ? "InternalError" : status.Reason,
                    $"tag {tagName} failed: {status.Message ?? "unknown error prevented import"}", status.Code);
                WriteError(failure, "ImageImportFailed", $"{ns}/{target.Stream}:{tagName}");
                continue;
            }
            var output = imported?.Tags.FirstOrDefault(t => t.Tag == tagName);
            if (output is null) continue;
            if (item.Image is { } image) output.Details = new ImageDetails(ImageView.Of(image, output.Name));
            WriteOutcome($"Tag {output.Name} imported from {output.Source}" + (string.IsNullOrEmpty(output.Image) ? "." : $" ({output.ImageStream}@{output.Image})."));
            WriteObject(output);
        }
        if (All)
        {
            if (answer.Status.Repository?.Status is { IsSuccess: false, Message: { Length: > 0 } message } && results.Count == 0)
            {
                WriteError(new OpenShiftApiException(ApiFailure.Status, answer.Status.Repository.Status.Reason ?? "InternalError", message, answer.Status.Repository.Status.Code),
                    "ImageImportFailed", display);
            }
            WriteProgress(new ProgressRecord(1, activity.Activity, "done") { RecordType = ProgressRecordType.Completed });
        }
    }
}
