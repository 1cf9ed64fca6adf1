using SalesBot.Catalog;
using SalesBot.Data;
using SalesBot.Shopify.Admin;
using SalesBot.Shopify.Auth;
using SalesBot.Shopify.Sync;
using SalesBot.Shopify.Sync.Fetch;
using SalesBot.Shopify.Webhooks;
using SalesBot.Snapshots;

namespace SalesBot.Shopify.Install;

/// <summary>
/// Everything after the token exchange: keep the token, mirror the catalog, publish it, and report.
/// Tests drive it without HTTP.
/// </summary>
public sealed class ShopInstaller(
    ShopTokenStore tokens,
    ShopifyAdminClientFactory clients,
    CatalogFetcher fetcher,
    ISnapshotPublisher publisher,
    CatalogCache cache,
    WebhookRegistrar registrar,
    WebhookSelfTest selfTest,
    DistributedLock locks,
    SyncRunHistory history,
    TimeProvider time,
    ILogger<ShopInstaller> logger)
{
    public async Task<InstallReport> InstallAsync(string shop, AccessTokenResponse token, CancellationToken cancellationToken)
    {
        await tokens.SaveAsync(shop, token, cancellationToken);
        logger.LogInformation("Installed {Shop} with scopes {Scope} ({Kind} offline token)", shop, token.Scope, token.IsExpiring ? "expiring" : "lifetime");

        // Through the token provider, so a long first fetch outliving the access token refreshes it.
        var client = clients.Create(shop);
        ShopifyData data;
        byte[] json;
        PublishResult published;
        // Under the shop's lock, like every other read-edit-publish, so a webhook sync cannot interleave.
        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        await using (await locks.AcquireAsync(IncrementalSync.LockName(shop), cancellationToken))
        {
            // A reinstall starts from what storage still holds, so its run says what changed while the app was away.
            var before = await cache.PreviousAsync(shop, cancellationToken);
            data = await fetcher.FetchAllAsync(client, null, cancellationToken);
            // One encoding serves the snapshot and the report.
            json = CatalogBytes.Encode(data);
            published = await publisher.PublishAsync(shop, json, CatalogHasher.Hash(data.Data), cancellationToken);
            cache.Remember(shop, published.Hash, data.Data);
            await history.RecordAsync(shop, SyncRuns.Of("install", startedAt, time.GetElapsedTime(started), data.Extensions,
                CatalogDiff.Between(before, data.Data), published), cancellationToken);
        }

        // The catalog is published whatever these report; the merchant sees what failed.
        var webhooks = await TestWebhooksAsync(shop, client, cancellationToken);
        var polling = await TestPollingAsync(client, cancellationToken);

        var upload = new StepResult(published.Status, published.Message);
        return new InstallReport(shop, token.Scope ?? "", TokenMask.Mask(token.AccessToken), json, upload, webhooks, polling)
        {
            Summary = Summarize(shop, data.Data, upload, webhooks, polling),
        };
    }

    internal static string Summarize(string shop, CatalogData data, StepResult upload, StepResult webhooks, StepResult polling) =>
        $"Installed {shop}: {Count(data.Products.Nodes.Count, "product")}, {Count(data.Collections.Nodes.Count, "collection")}, "
        + $"{Count(data.CodeDiscountNodes.Nodes.Count, "discount")}. Catalog snapshot: {upload.Status}; webhooks: {webhooks.Status}; polling: {polling.Status}.";

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private async Task<StepResult> TestWebhooksAsync(string shop, ShopifyAdminClient client, CancellationToken cancellationToken)
    {
        RegistrationSummary summary;
        try
        {
            summary = await registrar.RegisterAsync(client, cancellationToken);
        }
        catch (ShopifyApiException e)
        {
            logger.LogWarning("Webhook registration for {Shop} failed: {Reason}", shop, e.Message);
            return StepResult.Failed($"Webhook registration failed: {e.Message}");
        }
        var details = new
        {
            address = registrar.Address,
            created = summary.Created,
            updated = summary.Updated,
            unchanged = summary.Unchanged,
            deleted_duplicates = summary.DeletedDuplicates,
        };
        if (await selfTest.RunAsync(shop, registrar.Address, cancellationToken) is { } problem)
            return StepResult.Failed($"Webhooks are registered but the self-test failed: {problem}", details);
        return StepResult.Success($"{WebhookTopics.Subscribed.Count} topics subscribed at {registrar.Address}; a signed test delivery was accepted.", details);
    }

    private static async Task<StepResult> TestPollingAsync(ShopifyAdminClient client, CancellationToken cancellationToken)
    {
        try
        {
            var ping = await client.QueryAsync("Ping", null, WebhookJson.Default.PingData, cancellationToken);
            return StepResult.Success($"Authenticated query answered for {ping.Shop.Name}; the catalog is re-read on the polling interval.");
        }
        catch (ShopifyApiException e)
        {
            return StepResult.Failed($"Polling query failed: {e.Message}");
        }
    }
}
