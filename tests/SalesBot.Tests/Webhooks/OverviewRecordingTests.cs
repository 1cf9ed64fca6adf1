using System.Net;
using System.Text.Json.Nodes;
using SalesBot.Shopify.Admin;
using SalesBot.Shopify.Sync;
using SalesBot.Shopify.Webhooks;
using SalesBot.Tests.Snapshots;

namespace SalesBot.Tests.Webhooks;

/// <summary>
/// What each part records for the console as the app runs against the sandbox: Sync's runs (counts, cost, outcome),
/// Webhooks' delivery lag and refusals, Admin's last query cost and bucket.
/// </summary>
public sealed class OverviewRecordingTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    [Fact]
    public async Task Sync_runs_are_recorded_with_what_they_changed_and_cost_and_a_failure_with_its_reason()
    {
        await using var live = await LiveShop.StartAsync(s3);
        await live.InstallAsync();
        var runs = live.App.Get<SyncRunHistory>();
        var install = Assert.Single(await runs.RecentAsync(live.Shop, DateTimeOffset.MinValue, default));
        var store = live.Store;
        Assert.Equal("install", install.Kind);
        Assert.Equal(1 + store.Products.Count + store.Collections.Count + store.Discounts.Count, install.Changes.Added);
        Assert.Equal(SyncRunEntry.Published, install.Outcome);
        Assert.Equal("paged", install.Fetch);
        Assert.InRange(install.Cost, 1, live.Sandbox.Sandbox.QueryLog(live.Shop).Sum(q => q.ActualCost));

        var product = store.Products.Values.First();
        var before = live.QueryCount;
        await live.AdminAsync(HttpMethod.Patch, $"products/{product.Id}", new { title = product.Title + " (edited)" });
        await LiveShop.WaitUntilAsync(async () => (await runs.RecentAsync(live.Shop, DateTimeOffset.MinValue, default)).Count == 2, "the incremental run");
        var incremental = (await runs.RecentAsync(live.Shop, DateTimeOffset.MinValue, default))[0];
        Assert.Equal("incremental", incremental.Kind);
        Assert.Equal("by id", incremental.Fetch);
        Assert.Equal(new CatalogDiff(0, 1, 0), incremental.Changes);
        Assert.Equal(live.QueryCount - before, incremental.Queries);
        Assert.Equal(live.Sandbox.Sandbox.QueryLog(live.Shop).Skip(before).Sum(q => q.ActualCost), incremental.Cost);
        Assert.Equal(SyncRunEntry.Published, incremental.Outcome);

        // A poll that finds nothing new, then one that Shopify refuses (the tokens are revoked).
        var unchanged = await live.App.Get<FullSync>().ReconcileAsync(live.Shop, default);
        Assert.False(unchanged.Published!.Uploaded);
        await live.AdminAsync(HttpMethod.Post, "app/uninstall", webhook: false);
        await Assert.ThrowsAsync<ShopifyApiException>(() => live.App.Get<FullSync>().ReconcileAsync(live.Shop, default));
        var recent = await runs.RecentAsync(live.Shop, DateTimeOffset.MinValue, default);
        Assert.Equal(["poll", "poll", "incremental", "install"], recent.Select(r => r.Kind));
        Assert.Equal(SyncRunEntry.Unchanged, recent[1].Outcome);
        Assert.Equal(CatalogDiff.None, recent[1].Changes);
        Assert.Equal(SyncRunEntry.Failed, recent[0].Outcome);
        Assert.Contains("refused", recent[0].Error);
    }

    [Fact]
    public async Task Webhook_lag_is_received_minus_the_triggered_at_header_and_signed_refusals_are_kept()
    {
        await using var live = await LiveShop.StartAsync(s3);
        await live.InstallAsync();
        var health = live.App.Get<WebhookHealthLog>();
        var baseline = (await health.GetAsync(live.Shop, default)).Received;

        var triggered = DateTimeOffset.UtcNow.AddSeconds(-90);
        using (var response = await live.PostWebhookAsync("shop/update", new JsonObject { ["id"] = 1 }, "lag-test", triggered))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var delivery = (await live.DeliveryAsync("lag-test"))!;
        var now = await health.GetAsync(live.Shop, default);
        Assert.Equal(baseline + 1, now.Received);
        Assert.Equal("shop/update", now.LastDelivery!.Topic);
        Assert.Equal(delivery.ReceivedAt - delivery.TriggeredAt, now.LastDelivery.Lag);
        Assert.InRange(now.LastDelivery.Lag.TotalSeconds, 89.9, 120);
        Assert.True(now.MaxLag >= now.LastDelivery.Lag);

        // Signed but too old to tell from a replay: answered 200, ignored, and kept as a refusal for the shop.
        using (var stale = await live.PostWebhookAsync("shop/update", new JsonObject { ["id"] = 1 }, "stale-test", DateTimeOffset.UtcNow.AddHours(-13)))
            Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var after = await health.GetAsync(live.Shop, default);
        Assert.Equal(baseline + 1, after.Received);
        var refusal = Assert.Single(after.Rejections);
        Assert.Equal("shop/update", refusal.Topic);
        Assert.Contains("replay window", refusal.Reason);
        Assert.Empty((await health.GetAsync("someone-else.myshopify.com", default)).Rejections);

        // The subscriptions are the sandbox's, as the install registered them.
        Assert.Equal(live.Store.Webhooks.Values.Select(s => s.Uri).Distinct(), after.Subscriptions.Select(s => s.Address).Distinct());
        Assert.Equal(WebhookTopics.Subscribed.Order(), after.Subscriptions.Select(s => s.Topic).Order());
    }

    [Fact]
    public async Task Admin_cost_and_bucket_are_recorded_from_the_sandbox_response()
    {
        await using var live = await LiveShop.StartAsync(s3, sandboxOptions: o =>
        {
            o.ThrottleBucketSize = 2000;
            o.ThrottleRestoreRate = 100;
        });
        await live.InstallAsync();
        var usage = live.App.Get<ShopThrottleRegistry>().Usage(live.Shop)!;
        var query = usage.LastQuery!;
        var answered = live.Sandbox.Sandbox.QueryLog(live.Shop).Last(q => q.OperationName == query.Document && !q.Throttled);
        Assert.Equal(answered.RequestedCost, query.RequestedCost);
        Assert.Equal(answered.ActualCost, query.ActualCost);
        Assert.Equal(2000, usage.Throttle!.MaximumAvailable);
        Assert.Equal(100, usage.Throttle.RestoreRate);
        Assert.InRange(usage.Throttle.CurrentlyAvailable, 0, 2000 - answered.ActualCost);
        Assert.Null(live.App.Get<ShopThrottleRegistry>().Usage("never-called.myshopify.com"));
    }
}
