using ImageStreamPS.OpenShift.Apps;
using ImageStreamPS.OpenShift.Connection;

namespace ImageStreamPS.Completers;

/// <summary>Completes app names (values of the app label) from the cluster of -Session in -Namespace.</summary>
public sealed class AppNameCompleter : ClusterNameCompleter
{
    protected override Task<IReadOnlyList<string>> NamesAsync(OpenShiftConnection connection, string @namespace, CancellationToken cancellationToken) =>
        new AppClient(connection).ListAppNamesAsync(@namespace, cancellationToken);
}

/// <summary>Completes Route names from the cluster of -Session in -Namespace.</summary>
public sealed class RouteNameCompleter : ClusterNameCompleter
{
    protected override async Task<IReadOnlyList<string>> NamesAsync(OpenShiftConnection connection, string @namespace, CancellationToken cancellationToken) =>
        (await new RouteClient(connection).ListAsync(@namespace, null, cancellationToken).ConfigureAwait(false)).Select(r => r.Name).ToList();
}
