using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using SalesBot.Data;
using SalesBot.Shopify.Admin;
using SalesBot.Shopify.Auth;
using SalesBot.Shopify.Catalog;
using SalesBot.Snapshots;

namespace SalesBot.Shopify.Sync;

/// <summary>
/// Turns a batch of changes for one shop into targeted queries (just the changed products,
/// collections, discounts), edits the cached catalog and publishes it. With no catalog to edit yet,
/// it falls back to a full fetch.
/// </summary>
public sealed class IncrementalSync(
    ShopAccessTokens tokens,
    ShopifyAdminClientFactory clients,
    CatalogFetcher fetcher,
    CatalogCache cache,
    ISnapshotPublisher publisher,
    DistributedLock locks,
    IDbContextFactory<SalesBotDbContext> db,
    TimeProvider time,
    ILogger<IncrementalSync> logger)
{
    public async Task<SyncOutcome> ApplyAsync(string shop, IReadOnlyList<CatalogChange> changes, CancellationToken cancellationToken)
    {
        // Read, edit and publish under the shop's lock: another instance's edit is either already in the snapshot we read, or waits.
        await using var held = await locks.AcquireAsync(LockName(shop), cancellationToken);
        if (await tokens.GetAsync(shop, cancellationToken) is null)
        {
            // Debug: the uninstall or the refused refresh was logged once already; each later delivery would only repeat it.
            logger.LogDebug("Skipping {Count} changes for {Shop}: no usable token (uninstalled, or waiting for re-authorization)", changes.Count, shop);
            return new SyncOutcome("skipped", 0, null);
        }
        var client = clients.Create(shop);
        var started = time.GetTimestamp();

        var current = await cache.GetAsync(shop, cancellationToken);
        if (current is null)
        {
            logger.LogInformation("No snapshot of {Shop} to edit; fetching the whole catalog", shop);
            return await PublishAsync(shop, await fetcher.FetchAllAsync(client, null, cancellationToken), "full", cancellationToken);
        }

        var productsOfItems = new List<string>();
        foreach (var itemId in Ids(changes, ChangeKind.InventoryItem))
            if (await fetcher.FindProductOfInventoryItemAsync(client, itemId, cancellationToken) is { } productId)
                productsOfItems.Add(productId);

        var products = await ReadAsync(changes, ChangeKind.Product, productsOfItems, ids => fetcher.FetchProductsAsync(client, ids, null, cancellationToken));
        var collections = await ReadAsync(changes, ChangeKind.Collection, [], ids => fetcher.FetchCollectionsAsync(client, ids, null, cancellationToken));
        var discounts = await ReadAsync(changes, ChangeKind.Discount, [], ids => fetcher.FetchDiscountsAsync(client, ids, null, cancellationToken));
        var shopInfo = changes.Any(c => c.Kind == ChangeKind.Shop) ? await fetcher.FetchShopAsync(client, cancellationToken) : null;

        var edited = CatalogEditor.Apply(current, shopInfo, products, collections, discounts);
        var report = CatalogFetcher.Report(client, "incremental", time.GetElapsedTime(started));
        logger.LogInformation("Synced {Shop}: {Products} products, {Collections} collections, {Discounts} discounts re-read in {Queries} queries (cost {Cost})",
            shop, products.Count, collections.Count, discounts.Count, report.Queries, report.ActualCost);
        return await PublishAsync(shop, new ShopifyData(edited, report), "incremental", cancellationToken);
    }

    /// <summary>
    /// The polling safety net: re-read everything and publish if it changed. Skipped when any instance
    /// did so within <paramref name="skipIfWithin"/>, so several instances do not each pay for the same poll.
    /// </summary>
    public async Task<SyncOutcome> ReconcileAsync(string shop, CancellationToken cancellationToken, TimeSpan? skipIfWithin = null)
    {
        await using var held = await locks.AcquireAsync(LockName(shop), cancellationToken);
        if (await tokens.GetAsync(shop, cancellationToken) is null) return new SyncOutcome("skipped", 0, null);

        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var row = await context.ShopReconciliations.FindAsync([shop], cancellationToken);
        var now = time.GetUtcNow();
        if (skipIfWithin is { } window && row is not null && now - row.ReconciledAt < window)
            return new SyncOutcome("recent", 0, null);

        var data = await fetcher.FetchAllAsync(clients.Create(shop), null, cancellationToken);
        var outcome = await PublishAsync(shop, data, "full", cancellationToken);
        if (row is null) context.ShopReconciliations.Add(new ShopReconciliation { Shop = shop, ReconciledAt = now });
        else row.ReconciledAt = now;
        await context.SaveChangesAsync(cancellationToken);
        return outcome;
    }

    private async Task<SyncOutcome> PublishAsync(string shop, ShopifyData data, string mode, CancellationToken cancellationToken)
    {
        var result = await publisher.PublishAsync(shop, data, cancellationToken);
        cache.Remember(shop, result.Hash, data.Data);
        return new SyncOutcome(mode, data.Extensions?.Queries ?? 0, result);
    }

    /// <summary>The lock every read-edit-publish of a shop's catalog takes (install, webhook sync, poll).</summary>
    public static string LockName(string shop) => "shop:" + shop;

    private static HashSet<string> Ids(IReadOnlyList<CatalogChange> changes, ChangeKind kind) =>
        changes.Where(c => c.Kind == kind && c.Id is not null).Select(c => c.Id!).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The new state of every item of <paramref name="kind"/> the batch names: null for a deleted one (no query
    /// needed), else re-read by id (null again when Shopify no longer has it).
    /// </summary>
    private static async Task<Dictionary<string, T?>> ReadAsync<T>(IReadOnlyList<CatalogChange> changes, ChangeKind kind,
        IEnumerable<string> alsoChanged, Func<IReadOnlyList<string>, Task<IReadOnlyList<T?>>> fetch) where T : class
    {
        var deleted = changes.Where(c => c.Kind == kind && c.Deleted && c.Id is not null).Select(c => c.Id!).ToHashSet(StringComparer.Ordinal);
        var changed = Ids(changes, kind);
        changed.UnionWith(alsoChanged);
        changed.ExceptWith(deleted);

        var result = deleted.ToDictionary(id => id, _ => (T?)null, StringComparer.Ordinal);
        if (changed.Count == 0) return result;
        var list = changed.ToList();
        var fetched = await fetch(list);
        Debug.Assert(fetched.Count == list.Count);
        for (var i = 0; i < list.Count; i++) result[list[i]] = fetched[i];
        return result;
    }
}

/// <summary>
/// What a sync did: <c>full</c>, <c>incremental</c>, <c>skipped</c> (shop not installed) or <c>recent</c>
/// (another poll just ran), how many queries, and the publish result.
/// </summary>
public sealed record SyncOutcome(string Mode, int Queries, PublishResult? Published);
