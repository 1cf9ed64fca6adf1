using SalesBot.Shopify.Admin;

namespace SalesBot.Shopify.Sync.Fetch;

/// <summary>
/// Child lines of a bulk export waiting for their parent's line, which may come later when objects are not grouped.
/// Whatever still waits at the end of the file had no parent in it: an error naming a few of them, never a silent loss.
/// </summary>
internal sealed class BulkOrphans<T>
{
    private const int Named = 5;
    private readonly Dictionary<string, List<(string Id, T Child)>> _byParent = new(StringComparer.Ordinal);
    private readonly List<(string Id, string Parent)> _misplaced = [];

    public void Wait(string parentId, string id, T child)
    {
        if (!_byParent.TryGetValue(parentId, out var list)) _byParent[parentId] = list = [];
        list.Add((id, child));
    }

    /// <summary>The children that waited for <paramref name="parentId"/>, now that it has come (none: null).</summary>
    public List<(string Id, T Child)>? Take(string parentId) => _byParent.Remove(parentId, out var list) ? list : null;

    /// <summary>A line whose parent is in the export but cannot own it (a level naming a product, say).</summary>
    public void Misplaced(string id, string parentId) => _misplaced.Add((id, parentId));

    public void ThrowIfAny(string what)
    {
        var orphans = _misplaced.Concat(_byParent.SelectMany(p => p.Value.Select(c => (c.Id, Parent: p.Key)))).ToList();
        if (orphans.Count == 0) return;
        var named = string.Join(", ", orphans.Take(Named).Select(o => $"{o.Id} (parent {o.Parent})"));
        throw new ShopifyApiException(
            $"The bulk export of {what} has {orphans.Count:N0} line{(orphans.Count == 1 ? "" : "s")} whose parent never appeared: {named}{(orphans.Count > Named ? ", …" : "")}.");
    }
}
