using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SalesBot.Data;
using SalesBot.Shopify.Auth;
using SalesBot.Shopify.Sync;
using SalesBot.Shopify.Webhooks;
using SalesBot.Snapshots;
using SalesBot.Tests.Snapshots;

namespace SalesBot.Tests.Webhooks;

/// <summary>Crash and restart, lost webhooks healed by polling, uninstall and redact, and idempotent registration.</summary>
public sealed class WebhookLifecycleTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    private static readonly Dictionary<string, string?> NeverApplied = new() { ["SHOPIFY_SYNC_DEBOUNCE"] = "00:00:30" };
    private static readonly Dictionary<string, string?> Quick = new() { ["SHOPIFY_SYNC_DEBOUNCE"] = "00:00:00.100" };

    [Fact]
    public async Task Deliveries_recorded_before_a_stop_are_applied_after_the_restart()
    {
        await using var live = await LiveShop.StartAsync(s3, NeverApplied);
        await live.InstallAsync();
        var product = live.Store.Products.Values.First();
        var variant = product.Variants[0];
        var location = live.Store.Locations[0];
        var available = (variant.InventoryItem.Levels.FirstOrDefault(l => l.Location == location)?.Available ?? 0) + 9;

        await live.AdminAsync(HttpMethod.Patch, $"products/{product.Id}", new { title = "Survives a crash" });
        await live.AdminAsync(HttpMethod.Post, "inventory", new { inventoryItemId = variant.InventoryItem.Id, locationId = location.Id, available });
        await live.Sandbox.Sandbox.Webhooks.WhenIdleAsync();
        var sent = live.Sandbox.Sandbox.Webhooks.Deliveries.Where(d => d.Shop == live.Shop && d.Delivered && d.Topic != "app/uninstalled").ToList();
        Assert.Equal(2, sent.Count);
        foreach (var delivery in sent)
        {
            var recorded = await live.DeliveryAsync(delivery.EventId);
            Assert.NotNull(recorded);
            Assert.Null(recorded.ProcessedAt);
        }
        Assert.NotEqual("Survives a crash", (await live.SnapshotAsync())!.Products.Nodes.Single(p => p.Id == product.Gid).Title);

        await live.RestartAppAsync(Quick);

        await live.WaitForSnapshotAsync(d => d.Products.Nodes.Single(p => p.Id == product.Gid) is var p && p.Title == "Survives a crash"
            && p.Variants.Nodes.Single(v => v.Id == variant.Gid).InventoryItem!.InventoryLevels.Nodes.Single(l => l.Location.Id == location.Gid).Available == available,
            "the deliveries recorded before the restart");
        foreach (var delivery in sent) await live.WaitProcessedAsync(delivery.EventId);
    }

    [Fact]
    public async Task A_lost_webhook_is_healed_by_the_next_poll()
    {
        await using var live = await LiveShop.StartAsync(s3);
        await live.InstallAsync();
        var product = live.Store.Products.Values.First();
        var collection = live.Store.Collections.Values.Last();

        await live.AdminAsync(HttpMethod.Patch, $"products/{product.Id}", new { title = "Changed without a webhook" }, webhook: false);
        await live.AdminAsync(HttpMethod.Delete, $"collections/{collection.Id}", webhook: false);
        await live.Sandbox.Sandbox.Webhooks.WhenIdleAsync();
        Assert.Equal(2, live.Sandbox.Sandbox.Webhooks.Deliveries.Count(d => d.Shop == live.Shop && d.Suppressed));
        var stale = (await live.SnapshotAsync())!;
        Assert.NotEqual("Changed without a webhook", stale.Products.Nodes.Single(p => p.Id == product.Gid).Title);
        Assert.Contains(stale.Collections.Nodes, c => c.Id == collection.Gid);
        var mark = live.QueryCount;

        await live.App.Get<PollingReconciler>().PollAllAsync(default);

        var healed = (await live.SnapshotAsync())!;
        Assert.Equal("Changed without a webhook", healed.Products.Nodes.Single(p => p.Id == product.Gid).Title);
        Assert.DoesNotContain(healed.Collections.Nodes, c => c.Id == collection.Gid);
        Assert.Equal(live.Store.Collections.Count, healed.Collections.Nodes.Count);
        Assert.Contains("ProductsPage", live.OperationsSince(mark));
    }

    [Fact]
    public async Task The_background_poll_runs_on_SHOPIFY_POLL_INTERVAL()
    {
        await using var live = await LiveShop.StartAsync(s3, new Dictionary<string, string?> { ["SHOPIFY_POLL_INTERVAL"] = "00:00:01" });
        await live.InstallAsync();
        var product = live.Store.Products.Values.First();
        await live.AdminAsync(HttpMethod.Patch, $"products/{product.Id}", new { title = "Healed by the timer" }, webhook: false);

        await live.WaitForSnapshotAsync(d => d.Products.Nodes.Single(p => p.Id == product.Gid).Title == "Healed by the timer", "the polled change");
    }

    [Fact]
    public async Task App_uninstalled_drops_the_token_and_shop_redact_erases_the_shop()
    {
        await using var live = await LiveShop.StartAsync(s3);
        await live.InstallAsync();
        var tokens = live.App.Get<ShopTokenStore>();
        Assert.NotNull(await tokens.GetAccessTokenAsync(live.Shop, default));
        Assert.Contains(live.Shop, await tokens.ListActiveShopsAsync(default));

        await live.AdminAsync(HttpMethod.Post, "app/uninstall");
        await live.Sandbox.Sandbox.Webhooks.WhenIdleAsync();
        Assert.Contains(live.Sandbox.Sandbox.Webhooks.Deliveries, d => d.Shop == live.Shop && d.Topic == "app/uninstalled" && d.Delivered);
        await LiveShop.WaitUntilAsync(async () => await tokens.GetAccessTokenAsync(live.Shop, default) is null
            && !(await tokens.ListActiveShopsAsync(default)).Contains(live.Shop), "discarding the token after app/uninstalled");
        Assert.NotNull((await tokens.FindAsync(live.Shop, default))!.UninstalledAt);
        // Polling no longer touches the shop (its token was revoked anyway).
        var mark = live.QueryCount;
        await live.App.Get<PollingReconciler>().PollAllAsync(default);
        Assert.Equal(mark, live.QueryCount);

        // 48 hours later Shopify asks for the shop's data to be erased.
        var snapshots = live.App.Get<ISnapshotStore>();
        Assert.NotNull(await snapshots.HeadAsync(live.Shop, default));
        var factory = live.App.Get<IDbContextFactory<SalesBotDbContext>>();
        await using (var context = await factory.CreateDbContextAsync())
            Assert.True(await context.SnapshotPublications.AnyAsync(p => p.Shop == live.Shop));
        var redactId = Guid.NewGuid().ToString();
        using (var redact = await live.PostWebhookAsync(WebhookTopics.ShopRedact,
                   new JsonObject { ["shop_id"] = 1, ["shop_domain"] = live.Shop }, redactId))
            Assert.Equal(HttpStatusCode.OK, redact.StatusCode);
        await live.WaitProcessedAsync(redactId);

        Assert.Null(await snapshots.HeadAsync(live.Shop, default));
        Assert.Null(await live.SnapshotAsync());
        Assert.Null(await tokens.FindAsync(live.Shop, default));
        await using var after = await factory.CreateDbContextAsync();
        Assert.False(await after.SnapshotPublications.AnyAsync(p => p.Shop == live.Shop));
        Assert.False(await after.PendingSnapshots.AnyAsync(p => p.Shop == live.Shop));
        Assert.Equal([redactId], await after.WebhookDeliveries.Where(d => d.Shop == live.Shop).Select(d => d.EventId).ToListAsync());
    }

    [Fact]
    public async Task Installing_again_after_an_uninstall_resumes_syncing()
    {
        await using var live = await LiveShop.StartAsync(s3);
        await live.InstallAsync();
        await live.AdminAsync(HttpMethod.Post, "app/uninstall");
        var tokens = live.App.Get<ShopTokenStore>();
        await LiveShop.WaitUntilAsync(async () => await tokens.GetAccessTokenAsync(live.Shop, default) is null, "app/uninstalled");
        Assert.Empty(live.Store.Webhooks);

        await live.InstallAsync();
        Assert.Contains(live.Shop, await tokens.ListActiveShopsAsync(default));
        AssertSubscriptions(live, live.App.BaseUri);
        var product = live.Store.Products.Values.First();
        await live.AdminAsync(HttpMethod.Patch, $"products/{product.Id}", new { title = "Back again" });
        await live.WaitForSnapshotAsync(d => d.Products.Nodes.Single(p => p.Id == product.Gid).Title == "Back again", "an edit after reinstalling");
    }

    [Fact]
    public async Task Reinstalling_never_duplicates_subscriptions_and_moves_them_to_the_new_address()
    {
        await using var live = await LiveShop.StartAsync(s3);
        await live.InstallAsync();
        await live.InstallAsync();
        AssertSubscriptions(live, live.App.BaseUri);

        // The app comes back elsewhere (new APP_BASE_URL): the next install updates, it does not add.
        await live.RestartAppAsync(samePort: false);
        await live.InstallAsync();
        AssertSubscriptions(live, live.App.BaseUri);
    }

    private static void AssertSubscriptions(LiveShop live, Uri baseUri)
    {
        var subscriptions = live.Store.Webhooks.Values.ToList();
        Assert.Equal(13, WebhookTopics.Subscribed.Count);
        Assert.Equal(WebhookTopics.Subscribed.Count, subscriptions.Count);
        Assert.Equal(WebhookTopics.Subscribed.Select(WebhookTopics.ToGraphQl).Order(), subscriptions.Select(s => s.Topic).Order());
        var address = new Uri(baseUri, "/shopify/webhook").ToString();
        Assert.All(subscriptions, s => Assert.Equal(address, s.Uri));
    }
}
