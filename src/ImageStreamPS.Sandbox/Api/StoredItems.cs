using System.Collections;
using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Storage;

namespace ImageStreamPS.Sandbox.Api;

/// <summary>
/// The items of a list page over the store's committed objects (one resourceVersion's snapshot): each
/// is parsed and decorated when first needed. <see cref="Stream"/> yields fresh copies one at a time
/// without keeping them, so a response of thousands of objects holds one object tree at a time;
/// indexing or enumerating materializes the whole page once (what in-process callers get).
/// </summary>
internal sealed class StoredItems(IReadOnlyList<StoredObject> stored, Action<JsonObject> decorate) : IReadOnlyList<JsonObject>
{
    private List<JsonObject>? _items;

    /// <summary>Whether the items were parsed and kept (then <see cref="Stream"/> hands out copies of those).</summary>
    public bool Materialized => _items is not null;

    public int Count => stored.Count;

    public JsonObject this[int index] => Items[index];

    public IEnumerator<JsonObject> GetEnumerator() => Items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Each item as a new object the caller owns, parsed and decorated as it is reached.</summary>
    public IEnumerable<JsonObject> Stream()
    {
        if (_items is { } items)
        {
            foreach (var item in items) yield return (JsonObject)item.DeepClone();
            yield break;
        }
        foreach (var item in stored) yield return Decorated(item);
    }

    private List<JsonObject> Items => _items ??= stored.Select(Decorated).ToList();

    private JsonObject Decorated(StoredObject item)
    {
        var obj = item.Parse();
        decorate(obj);
        return obj;
    }
}
