using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Connection;
using ImageStreamPS.OpenShift.Images;
using ImageStreamPS.OpenShift.ImageStreams;

namespace ImageStreamPS.OpenShift.Promotion;

// -Mirror: for clusters that cannot reach each other. The image is copied through this machine into the
// destination's integrated registry, as `oc image mirror SOURCE@sha256:… ROUTE/ns/stream:tag` does; the
// registry then sets the tag (an image stream mapping), and VerifyAsync proves the digest as for an import.
public sealed partial class ImagePromotion
{
    /// <summary>
    /// Copies the source image into the destination cluster's registry as <paramref name="tag"/>, reading it
    /// with <paramref name="sourceLogin"/> and pushing with <paramref name="destinationLogin"/> (the user's own
    /// logins: nothing is written to a secret). A destination stream that does not exist is created first
    /// (the registry route is read from it) and removed again when the copy fails.
    /// </summary>
    /// <exception cref="ImagePromotionException">The destination registry has no route, or a registry refused or failed.</exception>
    public async Task<MirrorResult> MirrorAsync(
        ImageStreamReference tag, RegistryLogin? sourceLogin, RegistryLogin? destinationLogin, bool insecure,
        IProgress<MirrorProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var ns = NamespaceOf(tag);
        ImageStream stream;
        var created = false;
        try
        {
            stream = await client.GetAsync(ns, tag.Name, cancellationToken).ConfigureAwait(false);
        }
        catch (OpenShiftApiException exception) when (exception.Reason == "NotFound")
        {
            var empty = new ImageStream();
            empty.Metadata.Name = tag.Name;
            empty.Metadata.NamespaceProperty = ns;
            stream = await client.CreateAsync(ns, empty, cancellationToken).ConfigureAwait(false);
            created = true;
        }

        try
        {
            var route = stream.Status?.PublicDockerImageRepository;
            if (string.IsNullOrEmpty(route) || !DockerImageReference.TryParse(route, out var to) || to.Registry.Length == 0)
                throw new ImagePromotionException(PromotionError.RegistryNotExposed,
                    $"the destination cluster's integrated registry has no public route (status.publicDockerImageRepository of {ns}/{tag.Name} is empty), " +
                    $"so -Mirror cannot push to it: {PromotionSource.ExposeRegistry}; nothing was changed");
            var from = DockerImageReference.Parse(Source.ImportFrom).DockerClientDefaults().AsV2();
            using var reader = await DistributionClient.OpenAsync(from.Registry, from.RepositoryName(), insecure, sourceLogin, push: false, cancellationToken).ConfigureAwait(false);
            using var writer = await DistributionClient.OpenAsync(to.Registry, to.RepositoryName(), insecure, destinationLogin, push: true, cancellationToken).ConfigureAwait(false);
            return await ImageMirror.CopyAsync(reader, writer, Source.Image, tag.Tag!, progress, cancellationToken).ConfigureAwait(false);
        }
        catch when (created)
        {
            try
            {
                await client.DeleteAsync(ns, tag.Name, CancellationToken.None).ConfigureAwait(false);
            }
            catch (OpenShiftApiException)
            {
                // The stream stays (empty); the copy's own error is the one to report.
            }
            throw;
        }
    }

    /// <summary>
    /// The login a registry of <paramref name="connection"/>'s cluster accepts for its user: the session's
    /// bearer token as the password (<c>oc registry login</c>, <c>podman login -u x -p $(oc whoami -t)</c>);
    /// null when the session has no token (client certificates).
    /// </summary>
    public static RegistryLogin? ClusterLogin(OpenShiftConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var token = connection.Profile.Configuration.AccessToken;
        return string.IsNullOrEmpty(token) ? null : new RegistryLogin(string.IsNullOrEmpty(connection.Profile.User) ? "openshift" : connection.Profile.User!, token);
    }
}

/// <summary>The logins of -Mirror: for reading the source registry and for pushing to the destination's.</summary>
/// <param name="Source">The login for the source registry, or null to read anonymously.</param>
/// <param name="Destination">The login for the destination cluster's registry.</param>
public sealed record MirrorLogins(RegistryLogin? Source, RegistryLogin? Destination);
