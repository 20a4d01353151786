using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Storage;

/// <summary>The kinds of change a watch reports, spelled as on the wire.</summary>
public static class WatchEventType
{
    public const string Added = "ADDED";
    public const string Modified = "MODIFIED";
    public const string Deleted = "DELETED";
    public const string Bookmark = "BOOKMARK";
    public const string Error = "ERROR";
}

/// <summary>
/// One committed change. <see cref="Object"/> is the stored state after the change (for DELETED, the
/// last state, carrying the deletion's resourceVersion). <see cref="Previous"/> is the state before a
/// MODIFIED change, so a filtered watch can tell an object entering or leaving its selector.
/// <see cref="Size"/> is the stored JSON's length, what the watch window counts against its byte budget.
/// The store publishes events over its stored bytes (<see cref="StoredObject"/>): the window holds
/// no object trees, and each read of <see cref="Object"/>/<see cref="Previous"/> of such an event
/// parses a fresh copy; a watch hands out events made once with <see cref="Materialize"/>.
/// </summary>
public sealed record WatchEvent
{
    private readonly JsonObject? _object;
    private readonly JsonObject? _previous;

    public WatchEvent(string Type, ObjectKey Key, long ResourceVersion, JsonObject Object, JsonObject? Previous = null, long Size = 0)
    {
        this.Type = Type;
        this.Key = Key;
        this.ResourceVersion = ResourceVersion;
        _object = Object;
        _previous = Previous;
        this.Size = Size;
    }

    internal WatchEvent(string type, StoredObject stored, StoredObject? previous, long size)
    {
        Type = type;
        Key = stored.Key;
        ResourceVersion = stored.ResourceVersion;
        StoredState = stored;
        StoredPrevious = previous;
        Size = size;
    }

    public string Type { get; init; }
    public ObjectKey Key { get; init; }
    public long ResourceVersion { get; init; }
    public long Size { get; init; }

    public JsonObject Object
    {
        get => _object ?? StoredState!.Parse();
        init { _object = value; StoredState = null; }
    }

    public JsonObject? Previous
    {
        get => _previous ?? StoredPrevious?.Parse();
        init { _previous = value; StoredPrevious = null; }
    }

    internal StoredObject? StoredState { get; private init; }
    internal StoredObject? StoredPrevious { get; private init; }

    /// <summary>This event with its objects parsed once (itself when it already holds them).</summary>
    public WatchEvent Materialize() => StoredState is null && StoredPrevious is null
        ? this
        : this with { Object = Object, Previous = Previous };
}
