using System.Management.Automation;
using ImageStreamPS.Model;
using ImageStreamPS.OpenShift.Apps;
using ImageStreamPS.OpenShift.Images;

namespace ImageStreamPS.Commands;

/// <summary>Gets apps' rollouts: the Deployment, its ReplicaSets and Pods, what triggers it and what it runs now.</summary>
/// <remarks>
/// Get-AppRollout reads Deployments (and DeploymentConfigs, on clusters that still serve
/// apps.openshift.io) with the ReplicaSets and Pods they control, and shows them the way
/// 'oc get deploy,rs,pod' does. Each AppRollout says which image-stream tags trigger it
/// (its image.openshift.io/triggers annotation), which image and digest it runs, which tags point
/// at that digest now, and its Status as 'kubectl rollout status' computes it: Progressing,
/// Complete, Failed (ProgressDeadlineExceeded) or Paused.
///
/// With -Wait it follows each rollout through a watch on the Deployment (no polling) until it is
/// Complete, Failed or Paused, showing progress, and returns the final AppRollout. A Failed rollout
/// is returned together with an AppRolloutFailed error; when -Timeout passes first (default 10
/// minutes) it writes an AppRolloutTimeout error (category OperationTimeout) that names the pods
/// holding it back, such as an image that cannot be pulled. Ctrl+C stops the wait at once.
///
/// With -History it returns the rollout's revisions instead, as 'oc rollout history' lists them: one
/// AppRolloutRevision per ReplicaSet with a revision, oldest first, with its change cause, the image
/// it ran (and the tags that point at that image now) and its ReplicaSet. A rollback to an earlier
/// image (Undo-ImageTag) reuses that revision's ReplicaSet under a new revision number, as kubectl
/// shows it; the numbers it had before are in EarlierRevisions.
/// </remarks>
/// <example>
/// <code>PS> Get-AppRollout app-citas</code>
/// <para>Shows the app-citas Deployment like 'oc get deploy': READY, its status, what its ready pods run (RUNS, by tag), the tags that trigger it, revision and age.</para>
/// </example>
/// <example>
/// <code>PS> (Get-AppRollout app-citas).ReplicaSets; (Get-AppRollout app-citas).Pods</code>
/// <para>Shows its ReplicaSets and Pods like 'oc get rs' and 'oc get pod', with the revision and the tag each runs.</para>
/// </example>
/// <example>
/// <code>PS> Get-AppRollout app-citas -History</code>
/// <para>Lists the revisions of app-citas like 'oc rollout history deployment/app-citas', with the tags each one ran.</para>
/// </example>
/// <example>
/// <code>PS> $expected = (Get-ImageTag citas:prod -ErrorAction Stop).Image
/// PS> $rollout = Get-AppRollout app-citas -Wait -Timeout 00:02:00 -ErrorAction Stop
/// PS> if ($rollout.Digest -ne $expected) { throw "app-citas runs $($rollout.Digest), not citas:prod's $expected" }</code>
/// <para>In a runbook: waits up to two minutes for the rollout to finish, failing the runbook on a timeout or a failed rollout, then checks that it runs the image citas:prod points to.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "AppRollout", DefaultParameterSetName = StatusSet)]
[OutputType(typeof(AppRollout), ParameterSetName = [StatusSet])]
[OutputType(typeof(AppRolloutRevision), ParameterSetName = [HistorySet])]
public sealed class GetAppRolloutCommand : OpenShiftCmdlet
{
    private const string StatusSet = "Status";
    private const string HistorySet = "History";

    /// <summary>The Deployments (or DeploymentConfigs) to get; wildcards allowed. All of the namespace when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(Completers.AppNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>Follows each rollout through a watch until it is Complete, Failed or Paused, then returns it.</summary>
    [Parameter(ParameterSetName = StatusSet)]
    public SwitchParameter Wait { get; set; }

    /// <summary>How long -Wait waits before an AppRolloutTimeout error (OperationTimeout). Default 10 minutes.</summary>
    [Parameter(ParameterSetName = StatusSet)]
    public TimeSpan Timeout { get; set; } = AppRolloutWaiter.DefaultTimeout;

    /// <summary>Returns each rollout's revisions (AppRolloutRevision), as 'oc rollout history' lists them.</summary>
    [Parameter(Mandatory = true, ParameterSetName = HistorySet)]
    public SwitchParameter History { get; set; }

    protected override Task BeginProcessingAsync(CancellationToken cancellationToken)
    {
        if (AppRolloutWaiter.InvalidTimeout(Timeout) is { } invalid) ThrowTerminatingError(invalid);
        return Task.CompletedTask;
    }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var ns = CurrentNamespace;
        var session = CurrentSession;
        var client = new RolloutClient(Connection);
        var found = new List<Rollout>();

        var patterns = new List<NamePattern>();
        foreach (var text in Name ?? ["*"])
        {
            // Deployment names are DNS-1123 subdomains, as the API server validates them.
            string? problem = null;
            if (!NamePattern.TryParse(text, out var pattern, out problem) || (!pattern.HasWildcards && !NewAppObjects.IsDns1123Subdomain(pattern.Literal)))
            {
                var message = problem ?? $"invalid deployment name \"{text}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
                WriteError(new ErrorRecord(new ArgumentException(message), "AppRolloutNameInvalid", ErrorCategory.InvalidArgument, text) { ErrorDetails = new ErrorDetails(message) });
                continue;
            }
            patterns.Add(pattern);
        }
        if (patterns.Count == 0) return;

        if (patterns.Any(p => p.HasWildcards))
        {
            var all = await client.ListAsync(ns, cancellationToken).ConfigureAwait(false);
            foreach (var pattern in patterns)
            {
                var matches = all.Where(r => pattern.IsMatch(r.Name)).ToList();
                if (matches.Count == 0 && !pattern.HasWildcards)
                {
                    WriteError(AppRolloutWaiter.NotFound(new RolloutNotFoundException(ns, pattern.Literal), pattern.Text));
                }
                found.AddRange(matches.Where(m => !found.Contains(m)));
            }
        }
        else
        {
            foreach (var pattern in patterns)
            {
                var rollout = await client.GetAsync(ns, pattern.Literal, cancellationToken).ConfigureAwait(false);
                if (rollout is null)
                {
                    WriteError(AppRolloutWaiter.NotFound(new RolloutNotFoundException(ns, pattern.Literal), pattern.Text));
                    continue;
                }
                found.Add(rollout);
            }
        }

        if (History)
        {
            foreach (var rollout in found)
            {
                var revisions = await client.HistoryAsync(ns, rollout.Name, cancellationToken).ConfigureAwait(false);
                if (revisions is null)
                {
                    WriteError(AppRolloutWaiter.NotFound(new RolloutNotFoundException(ns, rollout.Name), rollout.Name));
                    continue;
                }
                if (revisions.Count == 0) WriteWarning($"No rollout history found for {rollout.Kind.ToLowerInvariant()} \"{rollout.Name}\".");
                foreach (var revision in revisions) WriteObject(new AppRolloutRevision(revision, ns, session));
            }
            return;
        }

        if (!Wait)
        {
            foreach (var rollout in found) WriteObject(new AppRollout(rollout, session));
            return;
        }

        var waiter = new AppRolloutWaiter(client, session, WriteProgress, WriteError);
        foreach (var rollout in found)
        {
            var settled = await waiter.WaitAsync(ns, rollout.Name, Timeout, until: null, cancellationToken).ConfigureAwait(false);
            if (settled is not null) WriteObject(settled);
        }
    }
}
