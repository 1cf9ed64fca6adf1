using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using SalesBot.Catalog;
using SalesBot.Shopify.Admin;

namespace SalesBot.Shopify.Sync.Fetch;

// The targeted reads an incremental sync sends: just the items a webhook named, in batches sized by their
// requested cost like the pages of a full fetch, each item completed (nested pages to the end) like a full fetch.
public sealed partial class CatalogFetcher
{
    // A read whose batches keep being refused has a systemic cause; the rest waits for the next full poll.
    private const int MaxRefusedBatches = 3;

    public Task<ByIdRead<Product>> FetchProductsAsync(ShopifyAdminClient client, IReadOnlyList<string> ids, FetchSettings? settings, CancellationToken cancellationToken)
    {
        settings ??= FetchSettings.Default;
        return FetchByIdsAsync(client, "ProductsByIds", ids, ProductSizes(settings), Json.ProductNodesData, d => d.Nodes,
            node => node is { Id: not null, Title: not null }, node => CompleteProductAsync(client, node, settings, cancellationToken), cancellationToken);
    }

    public Task<ByIdRead<Collection>> FetchCollectionsAsync(ShopifyAdminClient client, IReadOnlyList<string> ids, FetchSettings? settings, CancellationToken cancellationToken)
    {
        settings ??= FetchSettings.Default;
        return FetchByIdsAsync(client, "CollectionsByIds", ids, [("collectionProductsFirst", settings.CollectionProductsFirst)], Json.CollectionNodesData, d => d.Nodes,
            node => node is { Id: not null, Title: not null }, node => CompleteCollectionAsync(client, node, settings, cancellationToken), cancellationToken);
    }

    public Task<ByIdRead<DiscountNode>> FetchDiscountsAsync(ShopifyAdminClient client, IReadOnlyList<string> ids, FetchSettings? settings, CancellationToken cancellationToken)
    {
        settings ??= FetchSettings.Default;
        return FetchByIdsAsync(client, "DiscountsByIds", ids, [("codesFirst", settings.CodesFirst)], Json.DiscountNodesData, d => d.Nodes,
            node => node is { Id: not null, CodeDiscount: not null }, node => CompleteDiscountAsync(client, node, settings, cancellationToken), cancellationToken);
    }

    /// <summary>The product an inventory item belongs to (inventory webhooks name only the item).</summary>
    public async Task<string?> FindProductOfInventoryItemAsync(ShopifyAdminClient client, string inventoryItemId, CancellationToken cancellationToken)
    {
        var data = await client.QueryAsync("InventoryItemProduct", new JsonObject { ["id"] = inventoryItemId }, Json.InventoryItemProductData, cancellationToken);
        return data.InventoryItem?.Variant?.Product.Id;
    }

    /// <summary>
    /// The one by-id loop: <c>nodes(ids:)</c> in batches sized by cost. A batch Shopify refuses for good (any error but
    /// throttling, a refused token or a passing outage, which propagate) is left unread and the read goes on.
    /// </summary>
    private async Task<ByIdRead<T>> FetchByIdsAsync<TData, T>(
        ShopifyAdminClient client, string document, IReadOnlyList<string> ids, (string Name, int Value)[] nested,
        JsonTypeInfo<TData> type, Func<TData, IReadOnlyList<T?>> nodes, Func<T, bool> exists, Func<T, Task<T>> complete,
        CancellationToken cancellationToken) where T : class
    {
        var key = SizingKey(document, nested);
        var sizer = SizerFor(client, key, 10);
        var read = new Dictionary<string, T?>(StringComparer.Ordinal);
        var unread = new List<string>();
        string? failure = null;
        var refused = 0;
        for (var next = 0; next < ids.Count;)
        {
            var start = next;
            var sent = 0;
            try
            {
                var (data, size) = await QuerySizedAsync(client, document, key, sizer, count =>
                {
                    var v = new JsonObject { ["ids"] = new JsonArray([.. ids.Skip(start).Take(count).Select(id => JsonValue.Create(id))]) };
                    foreach (var (name, value) in nested) v[name] = value;
                    return v;
                }, type, cancellationToken, available: ids.Count - start);
                sent = size;
                var batch = nodes(data);
                for (var i = 0; i < size; i++)
                {
                    var node = i < batch.Count ? batch[i] : null;
                    read[ids[start + i]] = node is not null && exists(node) ? await complete(node) : null;
                }
                next = start + size;
            }
            catch (ShopifyApiException e) when (!e.IsUnauthorized && !e.IsTransient)
            {
                // Refused while completing a batch, or the batch itself (the sizer then stands at the size that failed).
                var size = sent > 0 ? sent : Math.Max(1, Math.Min(sizer.First, ids.Count - start));
                foreach (var id in ids.Skip(start).Take(size))
                    if (!read.ContainsKey(id)) unread.Add(id);
                failure ??= e.Message;
                next = start + size;
                logger.LogWarning("{Document} for {Shop} refused for {Count} ids ({Reason}); they wait for the next full read", document, client.Shop, size, e.Message);
                if (++refused < MaxRefusedBatches) continue;
                unread.AddRange(ids.Skip(next));
                break;
            }
        }
        foreach (var id in unread) read.Remove(id);
        return new ByIdRead<T>(read, unread, failure);
    }
}
