using System.Collections;
using System.Management.Automation;
using ImageStreamPS.Model;
using ImageStreamPS.OpenShift.Apps;
using ImageStreamPS.OpenShift.Images;

namespace ImageStreamPS.Commands;

/// <summary>Creates an app that follows an image stream tag: what 'oc new-app stream:tag' creates.</summary>
/// <remarks>
/// New-App reads the tag's current image (GET imagestreams, then GET imagestreamimages for its
/// metadata, as oc does) and creates what 'oc new-app' creates for an image stream tag: a
/// Deployment labelled app, app.kubernetes.io/component and app.kubernetes.io/instance, selecting
/// its pods by 'deployment: NAME', with one container named after the image stream, the image's
/// exposed ports, and the image.openshift.io/triggers annotation that rolls it out again whenever
/// the tag moves; and a Service for those ports. Unlike oc it writes the resolved image at once, so
/// there is no never-ready placeholder revision.
///
/// -Port replaces the image's ports. An image that exposes no ports gives a Deployment only, and a
/// warning. It returns the AppRollout as it stands right after creation; use Get-AppRollout -Wait
/// to wait for it to become ready. -WhatIf shows what would be created without creating it.
/// </remarks>
/// <example>
/// <code>PS> New-App citas:prod -Name app-citas</code>
/// <para>Creates the Deployment and Service app-citas from the image tagged citas:prod; the app rolls out again whenever citas:prod moves.</para>
/// </example>
/// <example>
/// <code>PS> New-App citas:prod -Name app-citas -Replicas 2 -Environment @{ MODE = 'prod' } |
///     Get-AppRollout -Wait -Timeout 00:05:00 | New-AppRoute -Port 10000</code>
/// <para>In a pipeline: creates the app with two replicas and an environment variable, waits for it to be ready, then exposes it with a Route.</para>
/// </example>
[Cmdlet(VerbsCommon.New, "App", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AppRollout))]
public sealed class NewAppCommand : OpenShiftCmdlet
{
    /// <summary>The image stream tag to deploy: citas:prod, or ns/citas:prod for a stream in another namespace (the tag defaults to latest).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ArgumentCompleter(typeof(Completers.ImageTagNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string ImageTag { get; set; } = "";

    /// <summary>The app's name: the Deployment, Service and label value. Defaults to the image stream's name.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>Container ports to use instead of the ports the image exposes (TCP).</summary>
    [Parameter]
    [ValidateRange(1, 65535)]
    public int[]? Port { get; set; }

    /// <summary>Environment variables for the container (name = value).</summary>
    [Parameter]
    [Alias("Env")]
    public Hashtable? Environment { get; set; }

    /// <summary>Labels for the Deployment, its pods' selector and the Service (replace the default app labels when one has the same key).</summary>
    [Parameter]
    public Hashtable? Label { get; set; }

    /// <summary>How many pods to run. Default 1.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int Replicas { get; set; } = 1;

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        if (!ImageStreamReference.TryParse(ImageTag, out var reference, out var error) || reference.Kind == ImageStreamReferenceKind.Image)
        {
            var message = error ?? $"invalid image stream tag \"{ImageTag}\": New-App takes [namespace/]stream[:tag], e.g. citas:prod";
            WriteError(new ErrorRecord(new ArgumentException(message), "InvalidImageTag", ErrorCategory.InvalidArgument, ImageTag) { ErrorDetails = new ErrorDetails(message) });
            return;
        }
        var stream = reference.Name;
        var tag = reference.Tag ?? DockerImageReference.DefaultTag;
        if (Name is not null && !NewAppObjects.IsDns1035Label(Name))
        {
            var message = $"invalid name \"{Name}\": a name must consist of lower case alphanumeric characters or '-', start with a letter, end with an alphanumeric character, and be at most 63 characters";
            WriteError(new ErrorRecord(new ArgumentException(message), "InvalidAppName", ErrorCategory.InvalidArgument, Name) { ErrorDetails = new ErrorDetails(message) });
            return;
        }

        var ns = CurrentNamespace;
        var options = new NewAppOptions
        {
            Namespace = ns,
            Name = Name,
            Ports = Port,
            Environment = Pairs(Environment),
            Labels = Pairs(Label),
            Replicas = Replicas,
        };

        var apps = new AppClient(Connection);
        NewAppPlan plan;
        try
        {
            plan = await apps.PlanAsync(reference.NamespaceOr(ns), stream, tag, options, cancellationToken).ConfigureAwait(false);
        }
        catch (ImageStreamTagNotResolvedException unresolved)
        {
            WriteError(new ErrorRecord(unresolved, "ImageStreamTagNotResolved", ErrorCategory.ObjectNotFound, ImageTag) { ErrorDetails = new ErrorDetails(unresolved.Message) });
            return;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            WriteError(exception, target: ImageTag);
            return;
        }

        var objects = plan.ServiceName is null ? $"deployment.apps/{plan.Name}" : $"deployment.apps/{plan.Name} and service/{plan.ServiceName}";
        var ports = plan.Ports.Count == 0 ? "no ports" : "ports " + string.Join(", ", plan.Ports);
        if (!ShouldProcess($"{objects} in namespace {plan.Namespace}", $"Create app from {plan.Image.ImageStreamTag} ({plan.Image.PullSpec}, {ports})"))
        {
            return;
        }

        foreach (var warning in plan.Warnings) WriteWarning(warning);
        try
        {
            var created = await apps.CreateAsync(plan, cancellationToken).ConfigureAwait(false);
            WriteOutcome($"deployment.apps/{plan.Name} created");
            if (plan.ServiceName is not null) WriteOutcome($"service/{plan.ServiceName} created");
            var rollout = await new RolloutClient(Connection).GetAsync(plan.Namespace, plan.Name, cancellationToken).ConfigureAwait(false) ?? created;
            WriteObject(new AppRollout(rollout, CurrentSession));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            WriteError(exception, target: plan.Name);
        }
    }

    private static List<KeyValuePair<string, string>> Pairs(Hashtable? table) =>
        table is null
            ? []
            : table.Cast<DictionaryEntry>()
                .Select(e => new KeyValuePair<string, string>(e.Key?.ToString() ?? "", e.Value?.ToString() ?? ""))
                .OrderBy(p => p.Key, StringComparer.Ordinal)
                .ToList();
}
