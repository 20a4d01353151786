using System.Management.Automation;
using ImageStreamPS.Model;
using ImageStreamPS.OpenShift.Apps;

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
/// <code>PS> $expected = (Get-ImageTag citas:prod -ErrorAction Stop).Image
/// PS> $rollout = Get-AppRollout app-citas -Wait -Timeout 00:02:00 -ErrorAction Stop
/// PS> if ($rollout.Digest -ne $expected) { throw "app-citas runs $($rollout.Digest), not citas:prod's $expected" }</code>
/// <para>In a runbook: waits up to two minutes for the rollout to finish, failing the runbook on a timeout or a failed rollout, then checks that it runs the image citas:prod points to.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "AppRollout")]
[OutputType(typeof(AppRollout))]
public sealed class GetAppRolloutCommand : OpenShiftCmdlet
{
    /// <summary>The Deployments (or DeploymentConfigs) to get; wildcards allowed. All of the namespace when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(Completers.AppNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>Follows each rollout through a watch until it is Complete, Failed or Paused, then returns it.</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary>How long -Wait waits before an AppRolloutTimeout error (OperationTimeout). Default 10 minutes.</summary>
    [Parameter]
    public TimeSpan Timeout { get; set; } = AppRolloutWaiter.DefaultTimeout;

    protected override Task BeginProcessingAsync(CancellationToken cancellationToken)
    {
        if (Timeout <= TimeSpan.Zero)
        {
            var message = $"-Timeout must be longer than zero; it was {Timeout}.";
            ThrowTerminatingError(new ErrorRecord(new ArgumentOutOfRangeException(nameof(Timeout), message), "InvalidTimeout", ErrorCategory.InvalidArgument, Timeout)
            {
                ErrorDetails = new ErrorDetails(message),
            });
        }
        return Task.CompletedTask;
    }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var ns = CurrentNamespace;
        var session = CurrentSession;
        var client = new RolloutClient(Connection);
        var found = new List<Rollout>();

        var patterns = Name ?? ["*"];
        if (patterns.Any(WildcardPattern.ContainsWildcardCharacters))
        {
            var all = await client.ListAsync(ns, cancellationToken).ConfigureAwait(false);
            foreach (var pattern in patterns)
            {
                var wildcard = new WildcardPattern(pattern, WildcardOptions.None);
                var matches = all.Where(r => wildcard.IsMatch(r.Name)).ToList();
                if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(pattern))
                {
                    WriteError(AppRolloutWaiter.NotFound(new RolloutNotFoundException(ns, pattern), pattern));
                }
                found.AddRange(matches.Where(m => !found.Contains(m)));
            }
        }
        else
        {
            foreach (var name in patterns)
            {
                var rollout = await client.GetAsync(ns, name, cancellationToken).ConfigureAwait(false);
                if (rollout is null)
                {
                    WriteError(AppRolloutWaiter.NotFound(new RolloutNotFoundException(ns, name), name));
                    continue;
                }
                found.Add(rollout);
            }
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
