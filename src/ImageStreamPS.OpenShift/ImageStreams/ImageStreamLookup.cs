using System.Runtime.CompilerServices;
using ImageStreamPS.OpenShift.Api;

namespace ImageStreamPS.OpenShift.ImageStreams;

/// <summary>One answer of a lookup: a stream or tag found, or the failure for one name (its text in <see cref="Target"/>).</summary>
/// <param name="Stream">The stream found (for tags: the stream the tag is in).</param>
/// <param name="Tag">The tag found (tag lookups only).</param>
/// <param name="Error">The server's refusal for this name, or null.</param>
/// <param name="MissingTag">For a literal tag or image id that the stream does not have: what was asked for (<c>citas:v9</c>).</param>
/// <param name="Target">What the user typed (or the namespace listed) that this answer is about.</param>
public sealed record ImageStreamMatch(ImageStreamView? Stream, ImageTagView? Tag, Exception? Error, string? MissingTag, string Target);

/// <summary>
/// What <c>Get-ImageStream</c> and <c>Get-ImageTag</c> read for the names given: a literal stream is one
/// <c>GET …/imagestreams/NAME</c> (read once however many of its tags are named), and wildcards or
/// -AllNamespaces one <c>GET …/imagestreams</c> list per namespace (or one for all namespaces) shared
/// by every pattern of it, read a page at a time (<see cref="ImageStreamClient.ListPagesAsync"/>), filtered
/// here and answered in the server's order (namespace, then name) as each page arrives. A literal that does
/// not exist is an error; a pattern that matches nothing is not.
/// </summary>
/// <param name="client">The client that reads.</param>
/// <param name="beforeNextPage">
/// Awaited between the pages of a list, before the next one is asked for: a consumer that hands the answers on
/// elsewhere (a PowerShell pipeline) waits there until they were taken, so what is held is bounded by a page and
/// a consumer that stopped (<c>Select-Object -First</c>) is never sent another page.
/// </param>
public sealed class ImageStreamLookup(ImageStreamClient client, Func<CancellationToken, Task>? beforeNextPage = null)
{
    /// <summary>The streams named by <paramref name="names"/> (tag and id parts must be absent).</summary>
    public async IAsyncEnumerable<ImageStreamMatch> FindStreamsAsync(
        IReadOnlyList<ImageTagName> names, string currentNamespace, bool allNamespaces, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var literal = names.Where(n => !n.StreamHasWildcards && !allNamespaces).ToList();
        foreach (var name in literal)
        {
            var ns = name.Namespace ?? currentNamespace;
            var (stream, error) = await ReadAsync(ns, name.Stream, cancellationToken).ConfigureAwait(false);
            yield return new ImageStreamMatch(stream, null, error, null, $"{ns}/{name.Stream}");
        }

        await foreach (var (group, streams, error) in ListAsync(names.Except(literal).ToList(), currentNamespace, allNamespaces, cancellationToken).ConfigureAwait(false))
        {
            if (error is not null)
            {
                yield return new ImageStreamMatch(null, null, error, null, group ?? "");
                continue;
            }
            foreach (var (_, stream) in streams) yield return new ImageStreamMatch(stream, null, null, null, $"{stream.Namespace}/{stream.Name}");
        }
    }

    /// <summary>The tags named by <paramref name="names"/>: <c>citas</c> (every tag), <c>citas:v*</c>, <c>citas@sha256:…</c>, <c>*:latest</c>.</summary>
    public async IAsyncEnumerable<ImageStreamMatch> FindTagsAsync(
        IReadOnlyList<ImageTagName> names, string currentNamespace, bool allNamespaces, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var literal = names.Where(n => !n.StreamHasWildcards && !allNamespaces).ToList();
        var read = new Dictionary<(string, string), (ImageStreamView?, Exception?)>();
        foreach (var name in literal)
        {
            var ns = name.Namespace ?? currentNamespace;
            if (!read.TryGetValue((ns, name.Stream), out var answer)) read[(ns, name.Stream)] = answer = await ReadAsync(ns, name.Stream, cancellationToken).ConfigureAwait(false);
            var (stream, error) = answer;
            if (stream is null)
            {
                yield return new ImageStreamMatch(null, null, error, null, name.Text);
                continue;
            }

            var tags = stream.Tags.Where(name.Matches).ToList();
            if (tags.Count == 0 && !name.TagHasWildcards && (name.Tag is not null || name.Id is not null))
            {
                yield return new ImageStreamMatch(stream, null, null, name.Tag is not null ? $"{name.Stream}:{name.Tag}" : $"{name.Stream}@{name.Id}", name.Text);
            }
            foreach (var tag in tags) yield return new ImageStreamMatch(stream, tag, null, null, name.Text);
        }

        await foreach (var (group, streams, error) in ListAsync(names.Except(literal).ToList(), currentNamespace, allNamespaces, cancellationToken).ConfigureAwait(false))
        {
            if (error is not null)
            {
                yield return new ImageStreamMatch(null, null, error, null, group ?? "");
                continue;
            }
            foreach (var (matching, stream) in streams)
            {
                foreach (var tag in stream.Tags.Where(t => matching.Any(n => n.Matches(t)))) yield return new ImageStreamMatch(stream, tag, null, null, $"{stream.Namespace}/{tag.Name}");
            }
        }
    }

    private async Task<(ImageStreamView?, Exception?)> ReadAsync(string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            return (new ImageStreamView(await client.GetAsync(ns, name, cancellationToken).ConfigureAwait(false)), null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return (null, exception);
        }
    }

    // One paged list per namespace (null: all namespaces), a batch per page in the server's order
    // (namespace, then name); each stream with the patterns it matched. A failed page ends its namespace's
    // listing with the error, after the batches already yielded.
    private async IAsyncEnumerable<(string? Namespace, IReadOnlyList<(IReadOnlyList<ImageTagName> Matching, ImageStreamView Stream)> Streams, Exception? Error)> ListAsync(
        IReadOnlyList<ImageTagName> patterns, string currentNamespace, bool allNamespaces, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var group in patterns.GroupBy(n => allNamespaces ? null : n.Namespace ?? currentNamespace))
        {
            await using var pages = client.ListPagesAsync(group.Key, cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                ImageStreamList? page = null;
                Exception? failure = null;
                try
                {
                    if (await pages.MoveNextAsync().ConfigureAwait(false)) page = pages.Current;
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    failure = exception;
                }
                if (failure is not null)
                {
                    yield return (group.Key, [], failure);
                    break;
                }
                if (page is null) break;

                var found = page.Items.Select(s => new ImageStreamView(s))
                    .Select(s => (Matching: (IReadOnlyList<ImageTagName>)group.Where(n => n.MatchesStream(s.Name) && (n.Namespace is null || n.Namespace == s.Namespace)).ToList(), Stream: s))
                    .Where(m => m.Matching.Count > 0)
                    .ToList();
                yield return (group.Key, found, null);
                if (!string.IsNullOrEmpty(page.Metadata?.ContinueProperty) && beforeNextPage is not null)
                {
                    await beforeNextPage(cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }
}
