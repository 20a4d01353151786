using System.Management.Automation;
using System.Text.Json.Nodes;
using ImageStreamPS.Model;
using ImageStreamPS.OpenShift.ImageStreams;

namespace ImageStreamPS.Commands;

/// <summary>Converts the module's objects to the YAML manifests OpenShift returns (<c>oc get -o yaml</c>).</summary>
/// <remarks>
/// <para>Every object written by this module's cmdlets (ImageStream, ImageTag, ...) converts to the
/// object as the server returned it, in the layout of <c>oc get -o yaml</c>: keys sorted, lists not
/// indented under their key, strings quoted only where YAML would read them as something else,
/// managedFields left out. An ImageStream becomes its ImageStream; an ImageTag becomes the
/// <c>image.openshift.io/v1</c> ImageTag (spec tag and history, as <c>oc get itag</c> shows it); an AppRollout becomes its Deployment and an AppRoute its Route.</para>
/// <para>One object gives one manifest; several give one <c>kind: List</c>, as <c>oc get</c> prints
/// several objects (-AsDocuments writes one YAML document per object instead). No request is sent.
/// New-ImageStream -Path reads the result back.</para>
/// </remarks>
/// <example>
/// <code>PS> Get-ImageStream citas | ConvertTo-OpenShiftYaml</code>
/// <para>Prints the stream like <c>oc get is citas -o yaml</c>.</para>
/// </example>
/// <example>
/// <code>PS> Get-ImageStream | ConvertTo-OpenShiftYaml | Set-Content "backup-$(Get-Date -Format yyyyMMdd).yaml"</code>
/// <para>Backs up, in a nightly runbook, every stream of the namespace to one file New-ImageStream -Path can restore.</para>
/// </example>
[Cmdlet(VerbsData.ConvertTo, "OpenShiftYaml")]
[OutputType(typeof(string))]
public sealed class ConvertToOpenShiftYamlCommand : PSCmdlet
{
    private readonly List<JsonObject> manifests = [];

    /// <summary>Objects written by this module's cmdlets.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [AllowNull]
    public PSObject? InputObject { get; set; }

    /// <summary>Writes one YAML document (separated by <c>---</c>) per object instead of one <c>kind: List</c>.</summary>
    [Parameter]
    public SwitchParameter AsDocuments { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var item in LanguagePrimitives.GetEnumerable(InputObject?.BaseObject) is { } many && InputObject?.BaseObject is not string
                     ? many.Cast<object?>()
                     : [InputObject?.BaseObject])
        {
            var value = item is PSObject ps ? ps.BaseObject : item;
            if (value is IOpenShiftManifest manifest)
            {
                manifests.Add(manifest.ToManifest());
            }
            else if (value is not null)
            {
                WriteError(new ErrorRecord(
                    new ArgumentException($"ConvertTo-OpenShiftYaml converts objects written by ImageStreamPS cmdlets; got a {value.GetType().FullName}."),
                    "ObjectNotConvertible", ErrorCategory.InvalidType, value));
            }
        }
    }

    protected override void EndProcessing()
    {
        if (manifests.Count == 0) return;
        if (manifests.Count == 1)
        {
            WriteObject(OpenShiftYaml.Serialize(manifests[0]));
        }
        else if (AsDocuments)
        {
            WriteObject(string.Join("---\n", manifests.Select(OpenShiftYaml.Serialize)));
        }
        else
        {
            WriteObject(OpenShiftYaml.SerializeList(manifests));
        }
    }
}
