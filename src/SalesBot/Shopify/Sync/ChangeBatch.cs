namespace SalesBot.Shopify.Sync;

/// <summary>
/// One shop's pending changes: each product, collection, discount or inventory item once, however many
/// deliveries named it (a bulk edit or Shopify's own retries repeat them), with the deliveries behind each.
/// A delete wins over an update of the same item: Shopify does not reuse ids.
/// </summary>
public sealed class ChangeBatch
{
    private readonly Dictionary<(ChangeKind Kind, string? Id), Entry> _items = new();

    /// <summary>How many times this batch has failed for a reason that may pass.</summary>
    public int Failures { get; set; }

    public int Count => _items.Count;

    public int Deliveries => _items.Values.Sum(e => e.EventIds.Count);

    /// <summary>Each item once.</summary>
    public IReadOnlyList<CatalogChange> Changes => [.. _items.Values.Select(e => e.Change)];

    public IReadOnlyList<string> EventIds => [.. _items.Values.SelectMany(e => e.EventIds).Distinct(StringComparer.Ordinal)];

    public void Add(CatalogChange change)
    {
        var key = (change.Kind, change.Id);
        if (_items.TryGetValue(key, out var entry))
        {
            if (change.Deleted && !entry.Change.Deleted) entry.Change = entry.Change with { Deleted = true };
            entry.EventIds.Add(change.EventId);
        }
        else _items[key] = new Entry(change);
    }

    /// <summary>Takes in what <paramref name="other"/> holds (a failed batch going back in front of newer changes).</summary>
    public void Merge(ChangeBatch other)
    {
        foreach (var entry in other._items.Values)
            foreach (var eventId in entry.EventIds)
                Add(entry.Change with { EventId = eventId });
        Failures = Math.Max(Failures, other.Failures);
    }

    /// <summary>The deliveries that named any of <paramref name="ids"/>.</summary>
    public IReadOnlyList<string> EventIdsOf(IReadOnlyCollection<string> ids)
    {
        if (ids.Count == 0) return [];
        var set = ids as ISet<string> ?? new HashSet<string>(ids, StringComparer.Ordinal);
        return [.. _items.Values.Where(e => e.Change.Id is { } id && set.Contains(id)).SelectMany(e => e.EventIds).Distinct(StringComparer.Ordinal)];
    }

    private sealed class Entry(CatalogChange change)
    {
        public CatalogChange Change { get; set; } = change;
        public List<string> EventIds { get; } = [change.EventId];
    }
}
