using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ImageStreamPS.OpenShift.Api;
using k8s;
using ImageStreamPS.OpenShift.Connection;
using k8s.Autorest;

namespace ImageStreamPS.OpenShift.ImageStreams;

/// <summary>
/// The image.openshift.io calls <c>oc</c> makes for image streams and their tags, one method per
/// HTTP request (openshift-image-api.md §3, §4.1): nothing here reads or writes more than oc does.
/// </summary>
public sealed class ImageStreamClient
{
    private const string Group = ImageStream.KubeGroup;
    private const string Version = ImageStream.KubeApiVersion;
    private readonly IKubernetes api;

    /// <summary>Creates a client over a connected KubernetesClient.</summary>
    public ImageStreamClient(IKubernetes api) => this.api = api ?? throw new ArgumentNullException(nameof(api));

    /// <summary>Creates a client over a session's connection.</summary>
    public ImageStreamClient(OpenShiftConnection connection) : this((connection ?? throw new ArgumentNullException(nameof(connection))).Client)
    {
    }

    /// <summary>
    /// <c>GET /apis/apps/v1/namespaces/{ns}/deployments</c>: the containers whose image triggers would
    /// fire if <c>{streamNamespace}/{stream}:{tag}</c> moved to <paramref name="nextImage"/> (for -WhatIf).
    /// </summary>
    public Task<IReadOnlyList<TriggeredContainer>> PreviewTriggersAsync(
        string @namespace, string streamNamespace, string stream, string tag, string nextImage, CancellationToken cancellationToken) =>
        Translate(() => ImageTriggerPreview.FindAsync(api, @namespace, streamNamespace, stream, tag, nextImage, cancellationToken));

    /// <summary><c>GET …/namespaces/{ns}/imagestreams/{name}</c> (<c>oc get is</c>, <c>oc describe is</c>).</summary>
    public Task<ImageStream> GetAsync(string @namespace, string name, CancellationToken cancellationToken) => Translate(async () =>
    {
        using var response = await api.CustomObjects.GetNamespacedCustomObjectWithHttpMessagesAsync<ImageStream>(
            Group, Version, ApiPath.Namespace(@namespace), ImageStream.KubePluralName, ApiPath.Name(name), cancellationToken: cancellationToken).ConfigureAwait(false);
        return Body(response.Body);
    });

    /// <summary>How many streams one list request asks for: kubectl's default <c>--chunk-size</c>.</summary>
    public const int PageSize = 500;

    /// <summary>
    /// <c>GET …/namespaces/{ns}/imagestreams?limit=500</c>, or <c>GET …/imagestreams?limit=500</c> across all
    /// namespaces when <paramref name="namespace"/> is null (<c>oc get is -A</c>), then <c>&amp;continue=…</c>
    /// page after page as kubectl lists (cli-runtime's <c>resource.Selector.Visit</c> with <c>FollowContinue</c>).
    /// Each page is yielded as it arrives and the next one is asked for only when the caller asks for it, so a
    /// caller that stops early sends no further request. A continue token the server has expired (410
    /// <c>Expired</c>, after etcd compacted the list's revision) fails the listing as it fails kubectl's
    /// (<c>EnhanceListError</c> passes it through): the pages already yielded stand, nothing is read twice.
    /// </summary>
    public async IAsyncEnumerable<ImageStreamList> ListPagesAsync(string? @namespace, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? next = null;
        do
        {
            var page = await ListPageAsync(@namespace, next, cancellationToken).ConfigureAwait(false);
            yield return page;
            next = page.Metadata?.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(next));
    }

    private Task<ImageStreamList> ListPageAsync(string? @namespace, string? continueToken, CancellationToken cancellationToken) => Translate(async () =>
    {
        using var response = @namespace is null
            ? await api.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<ImageStreamList>(
                Group, Version, ImageStream.KubePluralName, continueParameter: continueToken, limit: PageSize, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await api.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<ImageStreamList>(
                Group, Version, ApiPath.Namespace(@namespace), ImageStream.KubePluralName, continueParameter: continueToken, limit: PageSize, cancellationToken: cancellationToken).ConfigureAwait(false);
        return Body(response.Body);
    });

    /// <summary><c>POST …/namespaces/{ns}/imagestreams</c> (<c>oc create is</c>, <c>oc create -f</c>).</summary>
    public Task<ImageStream> CreateAsync(string @namespace, ImageStream stream, CancellationToken cancellationToken) => Translate(async () =>
    {
        using var response = await api.CustomObjects.CreateNamespacedCustomObjectWithHttpMessagesAsync<ImageStream>(
            stream, Group, Version, ApiPath.Namespace(@namespace), ImageStream.KubePluralName, cancellationToken: cancellationToken).ConfigureAwait(false);
        return Body(response.Body);
    });

    /// <summary>
    /// <c>DELETE …/namespaces/{ns}/imagestreams/{name}</c> (<c>oc delete is</c>). Returns the deleted
    /// stream when the server answers with it, null when it answers with a Status.
    /// </summary>
    public Task<ImageStream?> DeleteAsync(string @namespace, string name, CancellationToken cancellationToken) => Translate(async () =>
    {
        using var response = await api.CustomObjects.DeleteNamespacedCustomObjectWithHttpMessagesAsync(
            Group, Version, ApiPath.Namespace(@namespace), ImageStream.KubePluralName, ApiPath.Name(name), cancellationToken: cancellationToken).ConfigureAwait(false);
        return KindOf(response.Body) == ImageStream.KubeKind ? Read<ImageStream>(response.Body) : null;
    });

    /// <summary><c>POST …/namespaces/{ns}/imagestreamimports</c> (<c>oc import-image</c>).</summary>
    public Task<ImageStreamImport> ImportAsync(string @namespace, ImageStreamImport request, CancellationToken cancellationToken) => Translate(async () =>
    {
        using var response = await api.CustomObjects.CreateNamespacedCustomObjectWithHttpMessagesAsync<ImageStreamImport>(
            request, Group, Version, ApiPath.Namespace(@namespace), ImageStreamImport.KubePluralName, cancellationToken: cancellationToken).ConfigureAwait(false);
        return Body(response.Body);
    });

    /// <summary>How a conflicting import is retried: <see cref="Backoff.Contended"/> (an import holds the stream while the registry answers).</summary>
    public static Backoff ImportConflictBackoff => Backoff.Contended;

    /// <summary>
    /// <c>oc import-image</c>'s request made safe to run in parallel: <c>POST …/imagestreamimports</c> built by
    /// <paramref name="build"/> from the stream as read (<paramref name="stream"/>, null when it does not
    /// exist yet). The import carries that read's resourceVersion, so when another writer changed the stream
    /// first the server answers 409 before importing anything; then the stream is read again, the request
    /// rebuilt and sent again after a jittered backoff (<see cref="ImportConflictBackoff"/>).
    /// </summary>
    public Task<ImageStreamImport> ImportAsync(
        string @namespace, string name, ImageStream? stream, Func<ImageStream?, ImageStreamImport> build, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(build);
        var attempt = 0;
        return ConflictRetry.RunAsync(ImportConflictBackoff, async token =>
        {
            if (attempt++ > 0)
            {
                try
                {
                    stream = await GetAsync(@namespace, name, token).ConfigureAwait(false);
                }
                catch (OpenShiftApiException missing) when (missing.Reason == "NotFound")
                {
                    stream = null;
                }
            }
            return await ImportAsync(@namespace, build(stream), token).ConfigureAwait(false);
        }, retrying: null, cancellationToken);
    }

    /// <summary>
    /// <c>PUT …/namespaces/{ns}/imagestreamtags/{stream}:{tag}</c> (<c>oc tag</c>): upserts the spec
    /// tag, conditionally on <paramref name="resourceVersion"/> when given. <c>Created</c> is true when the server answered 201 (the tag did not exist).
    /// </summary>
    public Task<(ImageStreamTag Tag, bool Created)> SetTagAsync(string @namespace, ImageStreamTag tag, string? resourceVersion, CancellationToken cancellationToken) => Translate(async () =>
    {
        var name = tag.Metadata.Name ?? throw new ArgumentException("The ImageStreamTag has no name.", nameof(tag));
        // With the stream's resourceVersion the server refuses the write (409) if the stream changed since.
        if (!string.IsNullOrEmpty(resourceVersion)) tag.Metadata.ResourceVersion = resourceVersion;
        using var response = await api.CustomObjects.ReplaceNamespacedCustomObjectWithHttpMessagesAsync<ImageStreamTag>(
            tag, Group, Version, ApiPath.Namespace(@namespace), ImageStreamTag.KubePluralName, ApiPath.Name(name), cancellationToken: cancellationToken).ConfigureAwait(false);
        return (Body(response.Body), response.Response.StatusCode == HttpStatusCode.Created);
    });

    /// <summary>
    /// <c>DELETE …/namespaces/{ns}/imagestreamtags/{stream}:{tag}</c> (<c>oc tag -d</c>, <c>oc delete istag</c>):
    /// removes the spec tag and its whole history.
    /// </summary>
    public Task DeleteTagAsync(string @namespace, string stream, string tag, CancellationToken cancellationToken) => Translate(async () =>
    {
        using var response = await api.CustomObjects.DeleteNamespacedCustomObjectWithHttpMessagesAsync(
            Group, Version, ApiPath.Namespace(@namespace), ImageStreamTag.KubePluralName, ApiPath.Name(stream + ":" + tag), cancellationToken: cancellationToken).ConfigureAwait(false);
        return true;
    });

    // Failed calls surface as OpenShiftApiException (reason, code, the server's message), the
    // type the module maps into ErrorRecords.
    private static async Task<T> Translate<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException && OpenShiftApiException.From(exception) is { } translated && !ReferenceEquals(translated, exception))
        {
            throw translated;
        }
    }

    private static string? KindOf(object? body) =>
        body is JsonElement { ValueKind: JsonValueKind.Object } element && element.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String
            ? kind.GetString()
            : null;

    // The typed body KubernetesClient read straight from the response stream (one parse).
    private static T Body<T>(T? body) where T : class => body ?? throw new HttpOperationException("The server answered with an empty body.");

    private static T Read<T>(object? body) => body switch
    {
        JsonElement element => KubernetesJson.Deserialize<T>(element.GetRawText()),
        string text => KubernetesJson.Deserialize<T>(text),
        null => throw new HttpOperationException("The server answered with an empty body."),
        _ => KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(body)),
    };
}
