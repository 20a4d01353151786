using System.Net;
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
        using var response = await api.CustomObjects.GetNamespacedCustomObjectWithHttpMessagesAsync(
            Group, Version, ApiPath.Namespace(@namespace), ImageStream.KubePluralName, ApiPath.Name(name), cancellationToken: cancellationToken).ConfigureAwait(false);
        return Read<ImageStream>(response.Body);
    });

    /// <summary>
    /// <c>GET …/namespaces/{ns}/imagestreams</c>, or <c>GET …/imagestreams</c> across all namespaces
    /// when <paramref name="namespace"/> is null (<c>oc get is -A</c>).
    /// </summary>
    public Task<IReadOnlyList<ImageStream>> ListAsync(string? @namespace, CancellationToken cancellationToken) => Translate<IReadOnlyList<ImageStream>>(async () =>
    {
        var response = @namespace is null
            ? await api.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync(
                Group, Version, ImageStream.KubePluralName, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await api.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync(
                Group, Version, ApiPath.Namespace(@namespace), ImageStream.KubePluralName, cancellationToken: cancellationToken).ConfigureAwait(false);
        using (response)
        {
            return Read<ImageStreamList>(response.Body).Items.ToList();
        }
    });

    /// <summary><c>POST …/namespaces/{ns}/imagestreams</c> (<c>oc create is</c>, <c>oc create -f</c>).</summary>
    public Task<ImageStream> CreateAsync(string @namespace, ImageStream stream, CancellationToken cancellationToken) => Translate(async () =>
    {
        using var response = await api.CustomObjects.CreateNamespacedCustomObjectWithHttpMessagesAsync(
            stream, Group, Version, ApiPath.Namespace(@namespace), ImageStream.KubePluralName, cancellationToken: cancellationToken).ConfigureAwait(false);
        return Read<ImageStream>(response.Body);
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
        using var response = await api.CustomObjects.CreateNamespacedCustomObjectWithHttpMessagesAsync(
            request, Group, Version, ApiPath.Namespace(@namespace), ImageStreamImport.KubePluralName, cancellationToken: cancellationToken).ConfigureAwait(false);
        return Read<ImageStreamImport>(response.Body);
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
        using var response = await api.CustomObjects.ReplaceNamespacedCustomObjectWithHttpMessagesAsync(
            tag, Group, Version, ApiPath.Namespace(@namespace), ImageStreamTag.KubePluralName, ApiPath.Name(name), cancellationToken: cancellationToken).ConfigureAwait(false);
        return (Read<ImageStreamTag>(response.Body), response.Response.StatusCode == HttpStatusCode.Created);
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

    private static T Read<T>(object? body) => body switch
    {
        JsonElement element => KubernetesJson.Deserialize<T>(element.GetRawText()),
        string text => KubernetesJson.Deserialize<T>(text),
        null => throw new HttpOperationException("The server answered with an empty body."),
        _ => KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(body)),
    };
}
