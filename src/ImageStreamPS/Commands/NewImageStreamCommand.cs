using System.Collections;
using System.Management.Automation;
using ImageStreamPS.OpenShift.ImageStreams;

namespace ImageStreamPS.Commands;

/// <summary>Creates image streams, empty (like <c>oc create is</c>) or from YAML manifests (like <c>oc create -f</c>).</summary>
/// <remarks>
/// <para>With -Name, sends one <c>POST …/imagestreams</c> per name, exactly the request <c>oc create is</c> sends:
/// an empty stream with <c>spec.lookupPolicy.local</c> set by -LookupLocal. Names are checked against
/// OpenShift's rule (<c>[a-z0-9]+(?:[._-][a-z0-9]+)*</c>) before any request.</para>
/// <para>With -Path, reads every ImageStream in the YAML or JSON files (several documents and
/// <c>kind: List</c> included, as written by ConvertTo-OpenShiftYaml or <c>oc get is -o yaml</c>) and
/// creates it with its spec tags. Server-owned fields (uid, resourceVersion, creationTimestamp,
/// generation, status) are dropped. Spec tags that point into the stream's own history
/// (<c>ImageStreamImage</c> <c>citas@sha256:…</c>) are rewritten to the image's pull spec from the
/// manifest's status, so the stream can be promoted to a cluster that does not have that history yet.
/// -Namespace, when given, overrides the manifests' namespace.</para>
/// <para>An existing stream is a ResourceExists error (<c>ImageStreamAlreadyExists</c>); the other names go on.</para>
/// </remarks>
/// <example>
/// <code>PS> New-ImageStream citas</code>
/// <para>Creates the empty image stream citas in the session's namespace, like <c>oc create is citas</c>.</para>
/// </example>
/// <example>
/// <code>PS> New-OpenShiftProject shop-dev -NoSwitch | Out-Null
/// PS> 'frontend', 'backend' | New-ImageStream -LookupLocal -Label @{ app = 'shop' } -Namespace shop-dev</code>
/// <para>Creates two streams from the pipeline, with local lookup enabled and a label, in the new project shop-dev.</para>
/// </example>
/// <example>
/// <code>PS> $dev = Connect-OpenShift -Context dev -NotDefault
/// PS> $prod = Connect-OpenShift -Context prod -NotDefault
/// PS> Get-ImageStream citas -Session $dev | ConvertTo-OpenShiftYaml | Set-Content citas.yaml
/// PS> New-ImageStream -Path citas.yaml -Session $prod -Namespace citas</code>
/// <para>Backs a stream up from one cluster and creates it, spec tags included, on another cluster (a runbook's promotion step).</para>
/// <para>Needs a real cluster: two kubeconfig contexts, dev and prod.</para>
/// </example>
[Cmdlet(VerbsCommon.New, "ImageStream", SupportsShouldProcess = true, DefaultParameterSetName = NameSet)]
[OutputType(typeof(Model.ImageStream))]
public sealed class NewImageStreamCommand : ImageStreamCommandBase
{
    private const string NameSet = "Name";
    private const string PathSet = "Path";

    /// <summary>The names of the streams to create (lowercase letters, digits, '.', '_' and '-').</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = NameSet)]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = [];

    /// <summary>YAML or JSON files holding ImageStream manifests (as ConvertTo-OpenShiftYaml or <c>oc get is -o yaml</c> writes them).</summary>
    [Parameter(Mandatory = true, ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    [Alias("FullName")]
    public string[] Path { get; set; } = [];

    /// <summary>Lets pods in the namespace use short names such as <c>citas:prod</c> that resolve through the stream (<c>spec.lookupPolicy.local</c>).</summary>
    [Parameter]
    public SwitchParameter LookupLocal { get; set; }

    /// <summary>Labels to put on the streams.</summary>
    [Parameter]
    public Hashtable? Label { get; set; }

    /// <summary>Annotations to put on the streams.</summary>
    [Parameter]
    public Hashtable? Annotation { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        if (ParameterSetName == PathSet)
        {
            await CreateFromFilesAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        var valid = new List<string>();
        foreach (var name in Name)
        {
            try
            {
                ImageTagName.ValidateStream(name, CurrentNamespace);
                valid.Add(name);
            }
            catch (ArgumentException exception)
            {
                WriteError(InvalidName(exception, "ImageStreamNameInvalid", name));
            }
        }

        foreach (var name in valid)
        {
            var stream = ImageStreamManifest.New(name, ToStrings(Label), ToStrings(Annotation), LookupLocal.IsPresent);
            await CreateAsync(CurrentNamespace, name, stream, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task CreateFromFilesAsync(CancellationToken cancellationToken)
    {
        var files = OnPipeline(() =>
        {
            var resolved = new List<string>();
            foreach (var path in Path)
            {
                try
                {
                    resolved.AddRange(GetResolvedProviderPathFromPSPath(path, out _));
                }
                catch (Exception exception) when (exception is ItemNotFoundException or System.Management.Automation.DriveNotFoundException or ProviderNotFoundException)
                {
                    base.WriteError(new ErrorRecord(exception, "ManifestFileNotFound", ErrorCategory.ObjectNotFound, path));
                }
            }
            return resolved;
        });

        foreach (var file in files)
        {
            IReadOnlyList<ManifestObject> objects;
            try
            {
                objects = await ImageStreamManifest.ReadFileAsync(file, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                // The file leads the message, as with several files the error must say which one.
                WriteError(new ErrorRecord(new InvalidDataException($"{file}: {exception.Message}", exception), "ManifestInvalid", ErrorCategory.InvalidData, file));
                continue;
            }

            foreach (var manifest in objects)
            {
                if (manifest.Stream is null)
                {
                    WriteError(new ErrorRecord(
                        new NotSupportedException($"{file}: New-ImageStream creates ImageStream objects; skipped {manifest.Kind} \"{manifest.Name}\"."),
                        "ManifestKindNotSupported", ErrorCategory.InvalidType, manifest.Name));
                    continue;
                }

                var ns = !string.IsNullOrEmpty(Namespace) ? Namespace : manifest.Namespace ?? CurrentNamespace;
                try
                {
                    ImageTagName.ValidateStream(manifest.Name, ns);
                }
                catch (ArgumentException exception)
                {
                    WriteError(InvalidName(exception, "ImageStreamNameInvalid", manifest.Name));
                    continue;
                }

                ImageStreamManifest.Decorate(manifest.Stream, ToStrings(Label), ToStrings(Annotation), LookupLocal.IsPresent);
                await CreateAsync(ns, manifest.Name, manifest.Stream, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task CreateAsync(string ns, string name, OpenShift.Api.ImageStream stream, CancellationToken cancellationToken)
    {
        if (!ShouldProcess($"{ns}/{name} on {CurrentSession.Server.Host}", "Create image stream")) return;
        try
        {
            var created = await Client.CreateAsync(ns, stream, cancellationToken).ConfigureAwait(false);
            WriteOutcome($"imagestream.image.openshift.io/{name} created");
            WriteObject(ToOutput(created));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            WriteError(exception, target: $"{ns}/{name}");
        }
    }

    private static IDictionary<string, string>? ToStrings(Hashtable? table) =>
        table is null || table.Count == 0
            ? null
            : table.Cast<DictionaryEntry>().ToDictionary(e => e.Key.ToString()!, e => e.Value?.ToString() ?? "", StringComparer.Ordinal);
}
