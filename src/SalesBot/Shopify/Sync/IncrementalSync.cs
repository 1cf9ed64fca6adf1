using Microsoft.Extensions.Options;
using SalesBot.Catalog;
using SalesBot.Configuration;
using SalesBot.Data;
using SalesBot.Shopify.Admin;
using SalesBot.Shopify.Auth;
using SalesBot.Shopify.Sync.Fetch;
using SalesBot.Snapshots;

namespace SalesBot.Shopify.Sync;

/// <summary>
/// Turns a batch of changes for one shop into targeted queries (just the changed products,
/// collections, discounts), edits the cached catalog and publishes it. With no catalog to edit yet,
/// or a batch too large to read item by item, it re-reads the whole catalog instead.
/// </summary>
public sealed class IncrementalSync(
    ShopAccessTokens tokens,
    ShopifyAdminClientFactory clients,
    CatalogFetcher fetcher,
    CatalogCache cache,
    ISnapshotPublisher publisher,
    DistributedLock locks,
    SyncStatusStore status,
    SyncRunHistory history,
    IOptions<ShopifyOptions> options,
    TimeProvider time,
    ILogger<IncrementalSync> logger)
{
    public async Task<SyncOutcome> ApplyAsync(string shop, IReadOnlyList<CatalogChange> changes, CancellationToken cancellationToken)
    {
        using var activity = SyncTelemetry.StartRun("incremental", shop);
        activity?.SetTag("salesbot.sync.changes", changes.Count);
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
        var startedAt = time.GetUtcNow();

        var current = await cache.GetAsync(shop, cancellationToken);
        if (current is null || IsTooLargeForTargetedReads(changes))
        {
            if (current is null) logger.LogInformation("No snapshot of {Shop} to edit; fetching the whole catalog", shop);
            else logger.LogInformation("{Count} items of {Shop} changed at once; re-reading the whole catalog instead of item by item", changes.Count, shop);
            var all = await fetcher.FetchAllAsync(client, null, cancellationToken);
            var full = await publisher.PublishAsync(cache, shop, all, "full", cancellationToken);
            await status.RecordSuccessAsync(shop, "full", cancellationToken);
            await history.RecordAsync(shop, SyncRuns.Of("full", startedAt, time.GetElapsedTime(started), all.Extensions, CatalogDiff.Between(current, all.Data), full.Published), cancellationToken);
            return full;
        }

        var failures = new List<string>();
        var unapplied = new List<string>();
        var productsOfItems = new List<string>();
        foreach (var itemId in Ids(changes, ChangeKind.InventoryItem))
        {
            try
            {
                if (await fetcher.FindProductOfInventoryItemAsync(client, itemId, cancellationToken) is { } productId)
                    productsOfItems.Add(productId);
            }
            catch (ShopifyApiException e) when (!e.IsUnauthorized && !e.IsTransient)
            {
                failures.Add(e.Message);
                unapplied.Add(itemId);
            }
        }

        var products = await ReadAsync(changes, ChangeKind.Product, productsOfItems, ids => fetcher.FetchProductsAsync(client, ids, null, cancellationToken), failures, unapplied);
        var collections = await ReadAsync(changes, ChangeKind.Collection, [], ids => fetcher.FetchCollectionsAsync(client, ids, null, cancellationToken), failures, unapplied);
        var discounts = await ReadAsync(changes, ChangeKind.Discount, [], ids => fetcher.FetchDiscountsAsync(client, ids, null, cancellationToken), failures, unapplied);
        var shopInfo = changes.Any(c => c.Kind == ChangeKind.Shop) ? await fetcher.FetchShopAsync(client, cancellationToken) : null;

        var edited = CatalogEditor.Apply(current, shopInfo, products, collections, discounts);
        var report = CatalogFetcher.Report(client, "incremental", time.GetElapsedTime(started));
        logger.LogInformation("Synced {Shop}: {Products} products, {Collections} collections, {Discounts} discounts re-read in {Queries} queries (cost {Cost})",
            shop, products.Count, collections.Count, discounts.Count, report.Queries, report.ActualCost);
        var outcome = await publisher.PublishAsync(cache, shop, new ShopifyData(edited, report), "incremental", cancellationToken);
        await history.RecordAsync(shop, SyncRuns.Of("incremental", startedAt, time.GetElapsedTime(started), report, CatalogDiff.Between(current, edited),
            outcome.Published, unapplied.Count, failures.FirstOrDefault()), cancellationToken);
        if (failures.Count == 0)
        {
            await status.RecordSuccessAsync(shop, "incremental", cancellationToken);
            return outcome;
        }
        // Retrying cannot fix these: what could be read is published, the rest waits for the next full poll.
        logger.LogWarning("Sync of {Shop} left {Count} changed items for the next full poll: {Reason}", shop, unapplied.Count, failures[0]);
        await status.RecordFailureAsync(shop, "incremental", failures[0], unapplied.Count, retrying: false, cancellationToken);
        return outcome with { Failure = failures[0], Unapplied = unapplied };
    }

    /// <summary>
    /// Above <c>SHOPIFY_BULK_THRESHOLD</c> changed products (and inventory items, each naming one product) a full
    /// read is cheaper: the store then has more products than the threshold, so the full read is a bulk export
    /// (a few points however large), while reading by id costs about 200 requested points per product. With bulk
    /// exports off a full read goes page by page over the whole store, never cheaper than the changed items alone.
    /// </summary>
    private bool IsTooLargeForTargetedReads(IReadOnlyList<CatalogChange> changes)
    {
        var threshold = options.Value.BulkThreshold;
        if (threshold < 0) return false;
        var products = changes.Count(c => c.Kind is ChangeKind.Product or ChangeKind.InventoryItem && c.Id is not null && !c.Deleted);
        return products > threshold;
    }

    /// <summary>The lock every read-edit-publish of a shop's catalog takes (install, webhook sync, poll).</summary>
    public static string LockName(string shop) => "shop:" + shop;

    private static HashSet<string> Ids(IReadOnlyList<CatalogChange> changes, ChangeKind kind) =>
        changes.Where(c => c.Kind == kind && c.Id is not null).Select(c => c.Id!).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The new state of every item of <paramref name="kind"/> the batch names: null for a deleted one (no query
    /// needed), else re-read by id (null again when Shopify no longer has it). Ids Shopify refused to read are
    /// left out (the item stays as it was) and added to <paramref name="unapplied"/>.
    /// </summary>
    private static async Task<Dictionary<string, T?>> ReadAsync<T>(IReadOnlyList<CatalogChange> changes, ChangeKind kind,
        IEnumerable<string> alsoChanged, Func<IReadOnlyList<string>, Task<ByIdRead<T>>> fetch, List<string> failures, List<string> unapplied) where T : class
    {
        var deleted = changes.Where(c => c.Kind == kind && c.Deleted && c.Id is not null).Select(c => c.Id!).ToHashSet(StringComparer.Ordinal);
        var changed = Ids(changes, kind);
        changed.UnionWith(alsoChanged);
        changed.ExceptWith(deleted);

        var result = deleted.ToDictionary(id => id, _ => (T?)null, StringComparer.Ordinal);
        if (changed.Count == 0) return result;
        var read = await fetch([.. changed]);
        foreach (var (id, item) in read.Read) result[id] = item;
        if (read.Failure is { } failure) failures.Add(failure);
        unapplied.AddRange(read.Unread);
        return result;
    }
}

/// <summary>
/// What a sync did: <c>full</c>, <c>incremental</c>, <c>skipped</c> (shop not installed) or <c>recent</c>
/// (another poll just ran), how many queries, the publish result, and the ids Shopify refused to read (with why).
/// </summary>
public sealed record SyncOutcome(string Mode, int Queries, PublishResult? Published, string? Failure = null, IReadOnlyList<string>? Unapplied = null);
