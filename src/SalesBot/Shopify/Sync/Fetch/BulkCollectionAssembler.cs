using System.Text.Json;
using SalesBot.Catalog;
using SalesBot.Shopify.Admin;

namespace SalesBot.Shopify.Sync.Fetch;

/// <summary>
/// Rebuilds collections and their member ids from a bulk export's lines in any order (a member's line may come
/// before its collection's). Collections come out in id order, members in the order their lines came.
/// </summary>
public sealed class BulkCollectionAssembler : IBulkLineSink
{
    private readonly List<(Collection Collection, List<ProductReference> Members)> _collections = [];
    private readonly Dictionary<string, List<ProductReference>> _membersById = new(StringComparer.Ordinal);
    private readonly BulkOrphans<ProductReference> _waiting = new();

    public void Add(ReadOnlySpan<byte> line, string id, string? parentId)
    {
        if (parentId is null)
        {
            var collection = JsonSerializer.Deserialize(line, CatalogJson.Default.Collection)
                ?? throw new ShopifyApiException("The bulk export has an empty line object.");
            var members = new List<ProductReference>();
            if (!_membersById.TryAdd(id, members)) return;
            _collections.Add((collection, members));
            foreach (var (_, member) in _waiting.Take(id) ?? []) members.Add(member);
        }
        else if (_membersById.TryGetValue(parentId, out var members))
            members.Add(new ProductReference(id));
        else
            _waiting.Wait(parentId, id, new ProductReference(id));
    }

    public List<Collection> Build()
    {
        _waiting.ThrowIfAny("collections");
        _collections.Sort((a, b) => ShopifyIds.Compare(a.Collection.Id, b.Collection.Id));
        return _collections.Select(c => c.Collection with { Products = new(c.Members) }).ToList();
    }
}
