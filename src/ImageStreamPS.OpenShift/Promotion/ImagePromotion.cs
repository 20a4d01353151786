using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Apps;
using ImageStreamPS.OpenShift.Connection;
using ImageStreamPS.OpenShift.Images;
using ImageStreamPS.OpenShift.ImageStreams;
using ImageStreamPS.OpenShift.Tagging;
using k8s;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Promotion;

/// <summary>
/// Promotes an image stream tag of one cluster (the source) to tags of another (the destination), by digest.
/// The destination imports the source image itself, as <c>oc tag --source=docker REGISTRY/PATH@sha256:… citas:prod</c>
/// makes it (<see cref="Move"/>: the same <see cref="ImageTagMove"/>, so -WhatIf's trigger preview and the write
/// are the ones of an in-cluster move); no blob passes through the client.
/// The order keeps a failure from changing anything: <see cref="WritePullSecretAsync"/> (only with a login;
/// undone on failure), <see cref="CheckAsync"/> (an ImageStreamImport with <c>import: false</c>, what
/// <c>oc import-image --dry-run</c> sends: the destination fetches the image by digest and reports what it
/// got, writing nothing; refused access, a missing image or another digest stop here), then
/// <see cref="SetAsync"/>, and <see cref="VerifyAsync"/> (the destination tag settled on the source's digest).
/// </summary>
public sealed partial class ImagePromotion
{
    private readonly IKubernetes destination;
    private readonly ImageStreamClient client;

    private ImagePromotion(IKubernetes destination, PromotionSource source, ImageTagMove move, RegistryLogin? login, string? pullSecretName)
    {
        this.destination = destination;
        client = new ImageStreamClient(destination);
        Source = source;
        Move = move;
        Login = login;
        PullSecretName = login is null ? null : string.IsNullOrEmpty(pullSecretName) ? RegistryPullSecret.DefaultName(source.RegistryHost) : pullSecretName;
    }

    /// <summary>The source tag, its digest and where the destination pulls it from.</summary>
    public PromotionSource Source { get; }

    /// <summary>The tag move on the destination cluster (a DockerImage source by digest).</summary>
    public ImageTagMove Move { get; }

    /// <summary>The registry login written to the destination's pull secret, if any.</summary>
    public RegistryLogin? Login { get; }

    /// <summary>The destination pull secret the login goes into (null without a login).</summary>
    public string? PullSecretName { get; }

    /// <summary>The tags to set.</summary>
    public IReadOnlyList<ImageStreamReference> Destinations => Move.Destinations;

    /// <summary>
    /// Plans a promotion of <paramref name="source"/> to <paramref name="destinations"/> on the cluster of
    /// <paramref name="destination"/>. <paramref name="flags"/> are the import flags: a mode not given is the
    /// source spec tag's (a kept manifest list is kept again, so the digest stays the same); -Alias cannot reach
    /// across clusters and -Reference would skip the import that proves the digest, so both are refused.
    /// </summary>
    /// <exception cref="ImageTagException">Bad destinations or options (oc tag's messages).</exception>
    public static ImagePromotion Plan(
        IKubernetes destination, PromotionSource source, ImageStream? sourceStream, IReadOnlyList<ImageStreamReference> destinations,
        ImageImportOptions flags, bool alias, bool reference, string currentNamespace, RegistryLogin? login = null, string? pullSecretName = null)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(flags);
        if (alias) throw new ImageTagException(ImageTagError.InvalidOptions, "-Alias follows a tag of the same image stream; it cannot follow a tag on another cluster");
        if (reference) throw new ImageTagException(ImageTagError.InvalidOptions, "-Reference skips the import; a promotion between clusters imports the image to prove its digest");
        var mode = TagPolicies.ImportMode(flags.ImportMode) ?? SourceImportMode(sourceStream, source.Tag);
        var options = TagPolicies.ForTag(flags with { ImportMode = mode }, alias: false, reference: false);
        var tagSource = TagSource.Classify(source.ImportFrom, TagSourceKind.DockerImage, currentNamespace);
        var move = ImageTagMove.Plan(new ImageStreamClient(destination), tagSource, destinations, options, currentNamespace);
        return new ImagePromotion(destination, source, move, login, pullSecretName);
    }

    /// <summary>Plans a promotion to the cluster of <paramref name="destination"/> (see the other overload).</summary>
    /// <exception cref="ImageTagException">Bad destinations or options (oc tag's messages).</exception>
    public static ImagePromotion Plan(
        OpenShiftConnection destination, PromotionSource source, ImageStream? sourceStream, IReadOnlyList<ImageStreamReference> destinations,
        ImageImportOptions flags, bool alias, bool reference, string currentNamespace, RegistryLogin? login = null, string? pullSecretName = null) =>
        Plan((destination ?? throw new ArgumentNullException(nameof(destination))).Client, source, sourceStream, destinations, flags, alias, reference,
            currentNamespace, login, pullSecretName);

    /// <summary>The namespace <paramref name="tag"/> is in.</summary>
    public string NamespaceOf(ImageStreamReference tag) => Move.NamespaceOf(tag);

    /// <summary>What moving <paramref name="tag"/> would roll out on the destination (reads only): the move's own preview.</summary>
    public async Task<TagMovePreview> PreviewAsync(ImageStreamReference tag, CancellationToken cancellationToken)
    {
        await Move.ResolveAsync(cancellationToken).ConfigureAwait(false);
        return await Move.PreviewAsync(tag, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes <see cref="Login"/> into the pull secret <see cref="PullSecretName"/> of <paramref name="namespace"/>
    /// (created, or its entry for the registry set; other entries kept). Returns how to undo it, or null when
    /// nothing was written (no login, or the secret already holds it).
    /// </summary>
    /// <exception cref="ImagePromotionException">The secret exists and is not a docker config secret.</exception>
    /// <exception cref="OpenShiftApiException">The secret could not be read or written.</exception>
    public async Task<PullSecretWrite?> WritePullSecretAsync(string @namespace, CancellationToken cancellationToken)
    {
        if (Login is null || PullSecretName is null) return null;
        var host = Source.RegistryHost;
        var existing = await Call(async () =>
        {
            try
            {
                return await destination.CoreV1.ReadNamespacedSecretAsync(PullSecretName, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (OpenShiftApiException.From(exception) is { Reason: "NotFound" })
            {
                return null;
            }
        }).ConfigureAwait(false);
        if (existing is null)
        {
            await Call(() => destination.CoreV1.CreateNamespacedSecretAsync(
                RegistryPullSecret.Build(@namespace, PullSecretName, host, Login), @namespace, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return new PullSecretWrite(destination, @namespace, PullSecretName, null);
        }
        var merged = RegistryPullSecret.Merge(existing, host, Login);
        if (merged is null) return null;
        await Call(() => destination.CoreV1.ReplaceNamespacedSecretAsync(merged, PullSecretName, @namespace, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new PullSecretWrite(destination, @namespace, PullSecretName, existing);
    }

    /// <summary>
    /// Asks the destination to fetch the source image for <paramref name="tag"/> without writing anything
    /// (<c>POST imagestreamimports</c> with <c>import: false</c>) and checks that it got the source's digest.
    /// </summary>
    /// <exception cref="ImagePromotionException">The import would fail (access, missing image, insecure registry) or bring another digest.</exception>
    public async Task CheckAsync(ImageStreamReference tag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var request = new ImageStreamImport();
        request.Metadata.Name = tag.Name;
        request.Metadata.NamespaceProperty = NamespaceOf(tag);
        request.Spec.Import = false;
        request.Spec.Images =
        [
            new ImageImportSpec
            {
                From = new ObjectReference(TagSourceKind.DockerImage, Source.ImportFrom),
                To = new LocalObjectReference { Name = tag.Tag },
                ImportPolicy = new TagImportPolicy { Insecure = Move.Options.Insecure, ImportMode = Move.Options.ImportMode },
                ReferencePolicy = new TagReferencePolicy { Type = Move.Options.ReferencePolicy },
            },
        ];
        var answer = await client.ImportAsync(NamespaceOf(tag), request, cancellationToken).ConfigureAwait(false);
        var result = answer.Status.Images?.FirstOrDefault()
            ?? throw new ImagePromotionException(PromotionError.ImportFailed, $"the destination answered the import of {Source.ImportFrom} without a result");
        if (!result.Status.IsSuccess) throw ImportRefused(result.Status, tag);
        var got = result.Image?.Metadata?.Name ?? "";
        if (!string.Equals(got, Source.Image, StringComparison.Ordinal))
            throw new ImagePromotionException(PromotionError.DigestMismatch,
                $"importing {Source.ImportFrom} into {NamespaceOf(tag)}/{tag.ObjectName} would bring image {Display(got)}, not {Source.Image} (the image of {Source.Name}); nothing was changed" +
                (Move.Options.ImportMode == ImportMode.Legacy
                    ? $". If the source is a manifest list, -ImportMode {ImportMode.Legacy} imports one of its images: promote with -ImportMode {ImportMode.PreserveOriginal}"
                    : ""));
    }

    /// <summary>Sets <paramref name="tag"/> on the destination (the tag move's write, retried on conflict).</summary>
    public Task<ImageStreamTag> SetAsync(ImageStreamReference tag, Action<int>? retrying, CancellationToken cancellationToken) =>
        Move.SetAsync(tag, retrying, cancellationToken);

    /// <summary>The line oc prints after setting <paramref name="tag"/>.</summary>
    public string SuccessMessage(ImageStreamReference tag) => Move.SuccessMessage(tag);

    /// <summary>
    /// Waits until the destination has imported <paramref name="tag"/> (through a watch on its stream) and
    /// checks it holds the source's digest.
    /// </summary>
    /// <exception cref="ImagePromotionException">The import failed or settled on another image (<see cref="PromotionError.VerificationFailed"/>).</exception>
    public async Task<TagImage> VerifyAsync(ImageStreamReference tag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var name = $"{NamespaceOf(tag)}/{tag.ObjectName}";
        TagImage settled;
        try
        {
            settled = await Call(() => new TagMoveRollouts(destination).ReadTagImageAsync(NamespaceOf(tag), tag.Name, tag.Tag!, cancellationToken)).ConfigureAwait(false);
        }
        catch (TagImportFailedException failed)
        {
            throw new ImagePromotionException(PromotionError.VerificationFailed, $"{name} was set to {Source.ImportFrom} but the destination could not import it: {failed.Message}", failed);
        }
        if (!string.Equals(settled.Image, Source.Image, StringComparison.Ordinal))
            throw new ImagePromotionException(PromotionError.VerificationFailed,
                $"{name} was set to {Source.ImportFrom} but points to image {Display(settled.Image)}, not {Source.Image} (the image of {Source.Name})");
        return settled;
    }

    // A spec tag that kept its manifest list: promote it the same way so the list's digest is what lands.
    private static string? SourceImportMode(ImageStream? sourceStream, string tag) =>
        sourceStream?.FindSpecTag(tag)?.ImportPolicy?.ImportMode is { Length: > 0 } mode ? TagPolicies.ImportMode(mode) : null;

    private static string Display(string image) => image.Length == 0 ? "(none)" : image;

    private ImagePromotionException ImportRefused(ApiStatus status, ImageStreamReference tag)
    {
        var where = $"{NamespaceOf(tag)}/{tag.ObjectName}";
        var said = string.IsNullOrEmpty(status.Message) ? status.Reason ?? "unknown error" : status.Message;
        var secret = PullSecretName is null
            ? $"pass -Credential with a login for {Source.RegistryHost} (written to a pull secret in {NamespaceOf(tag)}), or create a {RegistryPullSecret.DockerConfigJsonType} secret for it there"
            : $"the login in pull secret {NamespaceOf(tag)}/{PullSecretName} was refused: check -Credential";
        return status.Reason switch
        {
            "Unauthorized" or "Forbidden" => new ImagePromotionException(PromotionError.ImportUnauthorized,
                $"the destination cannot pull {Source.ImportFrom} for {where}: {said}; {secret}; nothing was changed"),
            "NotFound" => new ImagePromotionException(PromotionError.ImportNotFound,
                $"the destination cannot find {Source.ImportFrom} for {where}: {said}; nothing was changed"),
            _ when status.Code == 400 && said.Contains("insecure", StringComparison.OrdinalIgnoreCase) => new ImagePromotionException(PromotionError.ImportInsecure,
                $"the destination cannot pull {Source.ImportFrom} for {where}: {said}; pass -Insecure if you trust that registry; nothing was changed"),
            _ => new ImagePromotionException(PromotionError.ImportFailed,
                $"the destination cannot import {Source.ImportFrom} for {where}: {said}; nothing was changed"),
        };
    }

    // Failed calls surface as OpenShiftApiException, the type the module maps into error records.
    private static async Task<T> Call<T>(Func<Task<T>> call)
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
}

/// <summary>A pull secret a promotion wrote, and how to put it back as it was.</summary>
public sealed class PullSecretWrite
{
    private readonly IKubernetes api;
    private readonly V1Secret? previous;

    internal PullSecretWrite(IKubernetes api, string @namespace, string name, V1Secret? previous)
    {
        this.api = api;
        Namespace = @namespace;
        Name = name;
        this.previous = previous;
    }

    /// <summary>The secret's namespace.</summary>
    public string Namespace { get; }

    /// <summary>The secret's name.</summary>
    public string Name { get; }

    /// <summary>True when the promotion created the secret, false when it changed an existing one.</summary>
    public bool Created => previous is null;

    /// <summary>Deletes the secret the promotion created, or writes back the one it changed.</summary>
    public async Task UndoAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (previous is null)
            {
                await api.CoreV1.DeleteNamespacedSecretAsync(Name, Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                return;
            }
            var restore = new V1Secret { ApiVersion = "v1", Kind = "Secret", Metadata = previous.Metadata, Type = previous.Type, Data = previous.Data };
            restore.Metadata.ResourceVersion = null;
            await api.CoreV1.ReplaceNamespacedSecretAsync(restore, Name, Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException && OpenShiftApiException.From(exception) is { } translated && !ReferenceEquals(translated, exception))
        {
            throw translated;
        }
    }
}
