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
/// last state, carrying the deletion's resourceVersion). Treat it as read-only: it is shared between
/// every watcher; clone it before changing it. <see cref="Previous"/> is the state before a MODIFIED
/// change, so a filtered watch can tell an object entering or leaving its selector. <see cref="Size"/>
/// is the stored JSON's length, what the watch window counts against its byte budget.
/// </summary>
public sealed record WatchEvent(string Type, ObjectKey Key, long ResourceVersion, JsonObject Object, JsonObject? Previous = null, long Size = 0);
