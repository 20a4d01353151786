using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.Sandbox.Api;

namespace ImageStreamPS.Sandbox.Resources;

/// <summary>
/// What the two REST views over one tag of a stream share (openshift-apiserver <c>imagestreamtag/rest.go</c> and
/// <c>imagetag/rest.go</c>): names are <c>stream:tag</c> (else 400 "&lt;Kind&gt;s must be retrieved with
/// &lt;name&gt;:&lt;tag&gt;", <c>nameAndTag</c>), every read goes through the stream, a list is one item per
/// tag of every stream in tag order, writes retry on conflicts up to ten times, and a delete removes the
/// spec tag and its whole history. Each view says which tags it lists, how an item looks and how its
/// NotFound reads.
/// </summary>
public abstract class StreamTagResource : IVirtualResource
{
    /// <summary>The attempts of a write that meets a conflicting one (the REST's <c>for i := 10; i > 0; i--</c>).</summary>
    protected const int Retries = 10;

    public abstract ResourceType Type { get; }

    /// <summary>The 404 of a missing tag, or of a missing stream on reads and deletes.</summary>
    protected abstract StatusException NotFound(string name);

    /// <summary>The tags a list shows for <paramref name="stream"/> (any order).</summary>
    protected abstract IEnumerable<string> ListedTags(ImageStream stream);

    /// <summary>One list item; null leaves the tag out.</summary>
    protected abstract JsonObject? ListItem(RequestContext context, ImageStream stream, string tag);

    /// <summary>The 409 of a delete whose UID precondition names another stream.</summary>
    protected abstract StatusException UidPreconditionFailed(string name, string uid, ImageStream stream);

    public abstract JsonObject Get(RequestContext context, string ns, string name);
    public abstract Task<WriteResult> CreateAsync(RequestContext context, string ns, JsonObject body);
    public abstract Task<WriteResult> UpdateAsync(RequestContext context, string ns, string name, JsonObject body);
    public abstract IReadOnlyList<TableColumn> Columns { get; }
    public abstract IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now);

    public JsonObject List(RequestContext context, string? ns, ListOptions options) =>
        ImageStreamTagView.List(context.Api, Type, ns, options, stream => ListedTags(stream)
            .Distinct().Order(StringComparer.Ordinal)
            .Select(tag => ListItem(context, stream, tag)));

    /// <summary>Removes the spec tag and its history (an internal write, as the apiserver's tag deletion is).</summary>
    public Task<JsonObject> DeleteAsync(RequestContext context, string ns, string name, DeleteOptions options)
    {
        var (streamName, tag) = Split(name);
        for (var attempt = 0; ; attempt++)
        {
            var stream = ReadStream(context, ns, streamName) ?? throw NotFound(name);
            if (options.PreconditionUid is { Length: > 0 } uid && uid != stream.Metadata.Uid) throw UidPreconditionFailed(name, uid, stream);
            var removedSpec = stream.RemoveSpecTag(tag);
            var removedStatus = stream.RemoveStatusTag(tag);
            if (!removedSpec && !removedStatus) throw NotFound(name);
            try
            {
                ImageStreamTagView.Write(context, stream, exists: true, @internal: true);
                return Task.FromResult(Wire.Encode(ApiStatus.Succeeded().TopLevel()));
            }
            catch (StatusException e) when (IsRace(e) && attempt < Retries) { }
        }
    }

    /// <summary>(stream, tag) of <c>stream:tag</c>, or 400 as <c>nameAndTag</c> answers.</summary>
    protected (string Stream, string Tag) Split(string name) =>
        ImageStreamTagView.TrySplit(name, out var stream, out var tag)
            ? (stream, tag)
            : throw ApiErrors.BadRequest($"{Type.Kind}s must be retrieved with <name>:<tag>");

    protected static ImageStream? ReadStream(RequestContext context, string ns, string streamName) =>
        ImageStreamTagView.GetStream(context.Api, ns, streamName);

    /// <summary>A conflict or a concurrent create: read the stream again and retry.</summary>
    protected static bool IsRace(StatusException e) => e.Code == 409 && e.Reason is "Conflict" or "AlreadyExists";
}
