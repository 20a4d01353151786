using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Connection;
using k8s;

namespace ImageStreamPS.OpenShift.Apps;

/// <summary>
/// Routes as <c>oc get route</c> and <c>oc delete route</c> reach them (route.openshift.io/v1, in one
/// namespace). Failures surface as <see cref="OpenShiftApiException"/>.
/// </summary>
public sealed class RouteClient(IKubernetes kubernetes)
{
    /// <summary>A client over the session's connection.</summary>
    public RouteClient(OpenShiftConnection connection) : this(connection.Client)
    {
    }

    /// <summary>The namespace's routes (those matching <paramref name="labelSelector"/>, if given), sorted by name.</summary>
    public async Task<IReadOnlyList<RouteView>> ListAsync(string @namespace, string? labelSelector, CancellationToken cancellationToken)
    {
        try
        {
            var list = await kubernetes.CustomObjects.ListNamespacedCustomObjectAsync<RouteList>(
                Route.KubeGroup, Route.KubeApiVersion, @namespace, Route.KubePluralName,
                labelSelector: labelSelector, cancellationToken: cancellationToken).ConfigureAwait(false);
            return list.Items.Select(r =>
                {
                    // List items come without their namespace filled only on some servers; the list's is the one asked for.
                    r.Metadata.NamespaceProperty ??= @namespace;
                    return RouteView.Of(r);
                })
                .OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
        }
        catch (Exception exception) when (Translate(exception) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary><c>GET routes/NAME</c>.</summary>
    public async Task<RouteView> GetAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        try
        {
            return RouteView.Of(await kubernetes.CustomObjects.GetNamespacedCustomObjectAsync<Route>(
                Route.KubeGroup, Route.KubeApiVersion, @namespace, Route.KubePluralName, name, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception exception) when (Translate(exception) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary><c>DELETE routes/NAME</c> (<c>oc delete route NAME</c>).</summary>
    public async Task DeleteAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        try
        {
            using (await kubernetes.CustomObjects.DeleteNamespacedCustomObjectWithHttpMessagesAsync(
                Route.KubeGroup, Route.KubeApiVersion, @namespace, Route.KubePluralName, name, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
            }
        }
        catch (Exception exception) when (Translate(exception) is { } translated)
        {
            throw translated;
        }
    }

    private static OpenShiftApiException? Translate(Exception exception) =>
        exception is OperationCanceledException ? null : OpenShiftApiException.From(exception);
}
