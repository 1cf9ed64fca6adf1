using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using SalesBot.Catalog;
using SalesBot.Configuration;
using SalesBot.Shopify.Admin;

namespace SalesBot.Shopify.Sync.Fetch;

/// <summary>
/// Reads a shop's whole catalog through paged Admin GraphQL: every product, variant, medium,
/// inventory level, collection member and discount code, with every page merged. Page sizes adapt
/// to the cost Shopify reports; nested connections that overflow are finished with follow-up queries.
/// </summary>
public sealed partial class CatalogFetcher(
    TimeProvider time,
    ILogger<CatalogFetcher> logger,
    BulkCatalogReader? bulk = null,
    IOptions<ShopifyOptions>? options = null)
{
    private static readonly FetchJson Json = FetchJson.Default;

    private FetchSettings Defaults => options is null ? FetchSettings.Default : FetchSettings.Default with { BulkThreshold = options.Value.BulkThreshold };

    public async Task<ShopifyData> FetchAllAsync(ShopifyAdminClient client, FetchSettings? settings, CancellationToken cancellationToken)
    {
        settings ??= Defaults;
        var started = time.GetTimestamp();
        var shopData = await client.QueryAsync("Shop", null, Json.ShopData, cancellationToken);
        var progress = new FetchProgress(client.Shop, time, settings.ProgressEvery, logger);

        progress.Begin("products", shopData.ProductsCount?.Count);
        var (products, mode) = await FetchProductsAsync(client, shopData.ProductsCount?.Count, settings, progress, cancellationToken);

        progress.Begin("collections", shopData.CollectionsCount?.Count);
        var collections = await FetchCollectionsAsync(client, bulkPreferred: mode == "bulk", settings, progress, cancellationToken);

        progress.Begin("discounts", null);
        var discounts = await FetchAllPagesAsync(client, "DiscountsPage", 10, [("codesFirst", settings.CodesFirst)],
            Json.DiscountsPageData, d => d.CodeDiscountNodes, progress, cancellationToken);
        for (var i = 0; i < discounts.Count; i++)
            discounts[i] = await CompleteDiscountAsync(client, discounts[i], settings, cancellationToken);

        var report = Report(client, mode, time.GetElapsedTime(started));
        logger.LogInformation("Fetched catalog of {Shop}: {Products} products, {Collections} collections, {Discounts} discounts in {Queries} queries (cost {Actual}) over {Seconds:0.0}s",
            client.Shop, products.Count, collections.Count, discounts.Count, report.Queries, report.ActualCost, report.Seconds);
        return new ShopifyData(
            new CatalogData(shopData.Shop, new(products), new(collections), new(discounts)),
            report);
    }

    /// <summary>Products by bulk operation for a large store, by pages otherwise or when the bulk export fails.</summary>
    private async Task<(List<Product> Products, string Mode)> FetchProductsAsync(
        ShopifyAdminClient client, long? count, FetchSettings settings, FetchProgress progress, CancellationToken cancellationToken)
    {
        if (bulk is not null && settings.BulkThreshold >= 0 && count > settings.BulkThreshold)
        {
            try
            {
                return (await bulk.ReadProductsAsync(client, cancellationToken), "bulk");
            }
            catch (ShopifyApiException e) when (!e.IsUnauthorized)
            {
                logger.LogWarning("Bulk export of {Shop} failed ({Reason}); reading products page by page instead", client.Shop, e.Message);
            }
        }
        var products = await FetchAllPagesAsync(client, "ProductsPage", 10, ProductSizes(settings),
            Json.ProductsPageData, d => d.Products, progress, cancellationToken);
        for (var i = 0; i < products.Count; i++)
            products[i] = await CompleteProductAsync(client, products[i], settings, cancellationToken);
        return (products, "paged");
    }

    /// <summary>Collections with their members: by bulk export for a large store (members run into the tens of thousands), else by pages.</summary>
    private async Task<List<Collection>> FetchCollectionsAsync(
        ShopifyAdminClient client, bool bulkPreferred, FetchSettings settings, FetchProgress progress, CancellationToken cancellationToken)
    {
        if (bulk is not null && bulkPreferred)
        {
            try
            {
                return await bulk.ReadCollectionsAsync(client, cancellationToken);
            }
            catch (ShopifyApiException e) when (!e.IsUnauthorized)
            {
                logger.LogWarning("Bulk export of {Shop}'s collections failed ({Reason}); reading them page by page instead", client.Shop, e.Message);
            }
        }
        var collections = await FetchAllPagesAsync(client, "CollectionsPage", 10, [("collectionProductsFirst", settings.CollectionProductsFirst)],
            Json.CollectionsPageData, d => d.Collections, progress, cancellationToken);
        for (var i = 0; i < collections.Count; i++)
            collections[i] = await CompleteCollectionAsync(client, collections[i], settings, cancellationToken);
        return collections;
    }

    public static FetchReport Report(ShopifyAdminClient client, string mode, TimeSpan elapsed) => new(
        mode, (int)client.Stats.Queries, client.Stats.RequestedCost, client.Stats.ActualCost,
        (int)client.Stats.Throttled, (int)client.Stats.Retries, Math.Round(elapsed.TotalSeconds, 3),
        client.LastThrottleStatus is { } t ? new ThrottleReport(t.MaximumAvailable, t.CurrentlyAvailable, t.RestoreRate) : null);

    public async Task<ShopInfo> FetchShopAsync(ShopifyAdminClient client, CancellationToken cancellationToken) =>
        (await client.QueryAsync("Shop", null, Json.ShopData, cancellationToken)).Shop;

    /// <summary>Every page of a connection, each sized by its cost; <paramref name="id"/> names the owner of a nested connection.</summary>
    private async Task<List<T>> FetchAllPagesAsync<TData, T>(
        ShopifyAdminClient client, string document, int initial, (string Name, int Value)[] nested,
        JsonTypeInfo<TData> type, Func<TData, Connection<T>?> select, FetchProgress? progress, CancellationToken cancellationToken,
        string? startAfter = null, string? id = null)
    {
        var key = SizingKey(document, nested);
        var sizer = SizerFor(client, key, initial);
        var all = new List<T>();
        var after = startAfter;
        while (true)
        {
            var (data, _) = await QuerySizedAsync(client, document, key, sizer, first =>
            {
                var v = Variables(first, after, nested);
                if (id is not null) v["id"] = id;
                return v;
            }, type, cancellationToken);
            var page = select(data) ?? Connection<T>.Empty;
            all.AddRange(page.Nodes);
            progress?.Report(all.Count);
            if (!page.HasNextPage || page.PageInfo!.EndCursor is null) return all;
            after = page.PageInfo.EndCursor;
        }
    }

    private Task<List<T>> FetchRestAsync<TData, T>(ShopifyAdminClient client, string document, string id, Connection<T> firstPage,
        JsonTypeInfo<TData> type, Func<TData, Connection<T>?> select, FetchSettings settings, CancellationToken cancellationToken,
        params (string Name, int Value)[] extra)
    {
        return FetchAllPagesAsync(client, document, settings.FollowUpFirst, extra,
            type, select, null, cancellationToken, startAfter: firstPage.PageInfo!.EndCursor, id: id);
    }

    private async Task<Product> CompleteProductAsync(ShopifyAdminClient client, Product product, FetchSettings settings, CancellationToken cancellationToken)
    {
        var media = product.Media ?? Connection<Media>.Empty;
        if (media.HasNextPage)
            media = media.Merged(await FetchRestAsync(client, "ProductMediaPage", product.Id, media, Json.ProductMediaPageData,
                d => d.Product?.Media, settings, cancellationToken));

        var variants = product.Variants ?? Connection<ProductVariant>.Empty;
        if (variants.HasNextPage)
            variants = variants.Merged(await FetchRestAsync(client, "ProductVariantsPage", product.Id, variants, Json.ProductVariantsPageData,
                d => d.Product?.Variants, settings, cancellationToken, ("levelsFirst", settings.LevelsFirst)));

        var completed = new List<ProductVariant>(variants.Nodes.Count);
        foreach (var variant in variants.Nodes)
            completed.Add(await CompleteVariantAsync(client, variant, settings, cancellationToken));

        return product with { Media = media.Complete(), Variants = new(completed), Tags = product.Tags ?? [], Options = product.Options ?? [] };
    }

    private async Task<ProductVariant> CompleteVariantAsync(ShopifyAdminClient client, ProductVariant variant, FetchSettings settings, CancellationToken cancellationToken)
    {
        var item = variant.InventoryItem;
        if (item?.InventoryLevels is { HasNextPage: true } levels)
            item = item with
            {
                InventoryLevels = levels.Merged(await FetchRestAsync(client, "InventoryLevelsPage", item.Id, levels, Json.InventoryLevelsPageData,
                    d => d.InventoryItem?.InventoryLevels, settings, cancellationToken))
            };
        else if (item is not null)
            item = item with { InventoryLevels = (item.InventoryLevels ?? Connection<InventoryLevel>.Empty).Complete() };
        return variant with { InventoryItem = item, Media = variant.Media?.Complete(), SelectedOptions = variant.SelectedOptions ?? [] };
    }

    private async Task<Collection> CompleteCollectionAsync(ShopifyAdminClient client, Collection collection, FetchSettings settings, CancellationToken cancellationToken)
    {
        var members = collection.Products ?? Connection<ProductReference>.Empty;
        if (members.HasNextPage)
            members = members.Merged(await FetchRestAsync(client, "CollectionProductsPage", collection.Id, members, Json.CollectionProductsPageData,
                d => d.Collection?.Products, settings, cancellationToken));
        return collection with { Products = members.Complete() };
    }

    private async Task<DiscountNode> CompleteDiscountAsync(ShopifyAdminClient client, DiscountNode node, FetchSettings settings, CancellationToken cancellationToken)
    {
        var codes = node.CodeDiscount.Codes;
        if (codes is { HasNextPage: true })
            codes = codes.Merged(await FetchRestAsync(client, "DiscountCodesPage", node.Id, codes, Json.DiscountCodesPageData,
                d => d.CodeDiscountNode?.CodeDiscount.Codes, settings, cancellationToken));
        return node with { CodeDiscount = node.CodeDiscount with { Codes = codes?.Complete() } };
    }

    private static (string Name, int Value)[] ProductSizes(FetchSettings settings) =>
        [("mediaFirst", settings.MediaFirst), ("variantsFirst", settings.VariantsFirst), ("levelsFirst", settings.LevelsFirst)];

    private static JsonObject Variables(int first, string? after, params (string Name, int Value)[] extra)
    {
        var v = new JsonObject { ["first"] = first, ["after"] = after };
        foreach (var (name, value) in extra) v[name] = value;
        return v;
    }
}
