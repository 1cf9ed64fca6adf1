using System.Text.Json.Nodes;
using SalesBot.Shopify.Admin;

namespace SalesBot.Shopify.Catalog;

// The targeted reads an incremental sync sends: just the items a webhook named, each completed like a full fetch.
public sealed partial class CatalogFetcher
{
    /// <summary>The given products, complete; a deleted product comes back as null in its place.</summary>
    public async Task<IReadOnlyList<Product?>> FetchProductsAsync(ShopifyAdminClient client, IReadOnlyList<string> ids, FetchSettings? settings, CancellationToken cancellationToken)
    {
        settings ??= FetchSettings.Default;
        var result = new List<Product?>(ids.Count);
        foreach (var batch in ids.Chunk(10))
        {
            var variables = ProductVariables(settings, 0, null);
            variables.Remove("first");
            variables.Remove("after");
            variables["ids"] = new JsonArray([.. batch.Select(id => JsonValue.Create(id))]);
            var data = await client.QueryAsync("ProductsByIds", variables, Json.ProductNodesData, cancellationToken);
            foreach (var node in data.Nodes)
                result.Add(node is { Id: not null, Title: not null } ? await CompleteProductAsync(client, node, settings, cancellationToken) : null);
        }
        return result;
    }

    public async Task<IReadOnlyList<Collection?>> FetchCollectionsAsync(ShopifyAdminClient client, IReadOnlyList<string> ids, FetchSettings? settings, CancellationToken cancellationToken)
    {
        settings ??= FetchSettings.Default;
        var result = new List<Collection?>(ids.Count);
        foreach (var batch in ids.Chunk(10))
        {
            var variables = new JsonObject { ["ids"] = new JsonArray([.. batch.Select(id => JsonValue.Create(id))]), ["collectionProductsFirst"] = settings.CollectionProductsFirst };
            var data = await client.QueryAsync("CollectionsByIds", variables, Json.CollectionNodesData, cancellationToken);
            foreach (var node in data.Nodes)
                result.Add(node is { Id: not null, Title: not null } ? await CompleteCollectionAsync(client, node, settings, cancellationToken) : null);
        }
        return result;
    }

    public async Task<IReadOnlyList<DiscountNode?>> FetchDiscountsAsync(ShopifyAdminClient client, IReadOnlyList<string> ids, FetchSettings? settings, CancellationToken cancellationToken)
    {
        settings ??= FetchSettings.Default;
        var result = new List<DiscountNode?>(ids.Count);
        foreach (var batch in ids.Chunk(10))
        {
            var variables = new JsonObject { ["ids"] = new JsonArray([.. batch.Select(id => JsonValue.Create(id))]), ["codesFirst"] = settings.CodesFirst };
            var data = await client.QueryAsync("DiscountsByIds", variables, Json.DiscountNodesData, cancellationToken);
            foreach (var node in data.Nodes)
                result.Add(node is { Id: not null, CodeDiscount: not null } ? await CompleteDiscountAsync(client, node, settings, cancellationToken) : null);
        }
        return result;
    }

    /// <summary>The product an inventory item belongs to (inventory webhooks name only the item).</summary>
    public async Task<string?> FindProductOfInventoryItemAsync(ShopifyAdminClient client, string inventoryItemId, CancellationToken cancellationToken)
    {
        var data = await client.QueryAsync("InventoryItemProduct", new JsonObject { ["id"] = inventoryItemId }, Json.InventoryItemProductData, cancellationToken);
        return data.InventoryItem?.Variant?.Product.Id;
    }
}
