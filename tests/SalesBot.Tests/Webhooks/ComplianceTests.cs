using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.S3.Model;
using Microsoft.EntityFrameworkCore;
using SalesBot.Data;
using SalesBot.Facebook;
using SalesBot.Sandbox.Facebook;
using SalesBot.Shopify.Auth;
using SalesBot.Shopify.Sync;
using SalesBot.Shopify.Webhooks;
using SalesBot.Snapshots;
using SalesBot.Tests.Snapshots;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Webhooks;

/// <summary>
/// Signed bodies replayed under another shop's header, stale deliveries, a complete shop/redact and an uninstall that
/// stops the bot, all against the sandbox (whose uninstall really revokes tokens) and s3rver.
/// </summary>
public sealed class ComplianceTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    private static readonly Dictionary<string, string?> Quick = new() { ["SHOPIFY_SYNC_DEBOUNCE"] = "00:00:00.050" };

    [Fact]
    public async Task Signed_bodies_of_shop_A_replayed_as_uninstall_or_redact_change_nothing_of_installed_shop_B()
    {
        await using var live = await LiveShop.StartAsync(s3, Quick);   // live.Shop is B, the target
        await live.InstallAsync();
        var a = await InstallOtherShopAsync(live);
        var aProduct = live.Sandbox.Sandbox.GetStore(a).Products.Values.First();
        await OtherShopAdminAsync(live, a, HttpMethod.Patch, $"products/{aProduct.Id}", new { title = "Signed for A" });
        var update = await SentAsync(live, a, "products/update");
        var before = await StateOfAsync(live, live.Shop);

        // The same signed bytes, under B's header, as each topic that could uninstall or erase.
        var mark = live.QueryCount;
        foreach (var topic in new[] { WebhookTopics.ShopRedact, WebhookTopics.AppUninstalled, WebhookTopics.CustomersRedact, WebhookTopics.CustomersDataRequest })
            await PostAndWaitAsync(live, topic, Encoding.UTF8.GetBytes(update.Body));

        // A's genuine app/uninstalled, then its shop/redact, replayed under B's header.
        await OtherShopAdminAsync(live, a, HttpMethod.Post, "app/uninstall");
        var uninstalledA = await SentAsync(live, a, "app/uninstalled");
        Assert.Equal(a, JsonNode.Parse(uninstalledA.Body)!["myshopify_domain"]!.GetValue<string>());
        await PostAndWaitAsync(live, WebhookTopics.AppUninstalled, Encoding.UTF8.GetBytes(uninstalledA.Body));
        await PostAndWaitAsync(live, WebhookTopics.ShopRedact, Encoding.UTF8.GetBytes(uninstalledA.Body));
        await PostAndWaitAsync(live, WebhookTopics.ShopRedact, Encoding.UTF8.GetBytes(new JsonObject { ["shop_id"] = 1, ["shop_domain"] = a }.ToJsonString()));
        Assert.DoesNotContain("Ping", live.OperationsSince(mark));   // refused on the payload alone, before asking Shopify

        // Bodies that do name B (an old genuine delivery): Shopify is asked, B's token still works, nothing happens.
        await PostAndWaitAsync(live, WebhookTopics.AppUninstalled, Encoding.UTF8.GetBytes(
            new JsonObject { ["id"] = 1, ["domain"] = live.Shop, ["myshopify_domain"] = live.Shop }.ToJsonString()));
        await PostAndWaitAsync(live, WebhookTopics.ShopRedact, Encoding.UTF8.GetBytes(
            new JsonObject { ["shop_id"] = 1, ["shop_domain"] = live.Shop }.ToJsonString()));
        Assert.Equal(2, live.OperationsSince(mark).Count(o => o == "Ping"));

        Assert.Equal(before, await StateOfAsync(live, live.Shop));
        // The genuine delivery for A did act: A's token is gone (the sandbox revoked it, and the app confirmed that).
        await LiveShop.WaitUntilAsync(async () => await live.App.Get<ShopTokenStore>().GetAccessTokenAsync(a, default) is null, "A's uninstall");
        var product = live.Store.Products.Values.First();
        await live.AdminAsync(HttpMethod.Patch, $"products/{product.Id}", new { title = "B still syncs" });
        await live.WaitForSnapshotAsync(d => d.Products.Nodes.Single(p => p.Id == product.Gid).Title == "B still syncs", "an edit of B after the replays");
    }

    [Fact]
    public async Task A_stale_delivery_is_answered_200_and_changes_nothing()
    {
        await using var live = await LiveShop.StartAsync(s3, Quick);
        await live.InstallAsync();
        await live.AdminAsync(HttpMethod.Post, "app/uninstall");
        var tokens = live.App.Get<ShopTokenStore>();
        await LiveShop.WaitUntilAsync(async () => await tokens.GetAccessTokenAsync(live.Shop, default) is null, "app/uninstalled");
        var redact = new JsonObject { ["shop_id"] = 1, ["shop_domain"] = live.Shop };
        var snapshots = live.App.Get<ISnapshotStore>();

        var staleId = Guid.NewGuid().ToString();
        using (var stale = await live.PostWebhookAsync(WebhookTopics.ShopRedact, redact, staleId, DateTimeOffset.UtcNow - DeliveryWindow.Length - TimeSpan.FromMinutes(5)))
        {
            Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
            Assert.Contains("Stale delivery ignored.", await stale.Content.ReadAsStringAsync());
        }
        Assert.Null(await live.DeliveryAsync(staleId));
        Assert.NotNull(await snapshots.HeadAsync(live.Shop, default));
        Assert.NotNull(await tokens.FindAsync(live.Shop, default));

        // The same request inside the window erases: the stale one was ignored for its age alone.
        var freshId = Guid.NewGuid().ToString();
        using (var fresh = await live.PostWebhookAsync(WebhookTopics.ShopRedact, redact, freshId, DateTimeOffset.UtcNow - TimeSpan.FromHours(3)))
            Assert.Contains("Accepted.", await fresh.Content.ReadAsStringAsync());
        await live.WaitProcessedAsync(freshId);
        Assert.Null(await snapshots.HeadAsync(live.Shop, default));
        Assert.Null(await tokens.FindAsync(live.Shop, default));
    }

    [Fact]
    public async Task Shop_redact_leaves_no_row_of_the_shop_in_any_table_and_no_object_in_storage()
    {
        await using var live = await LiveShop.StartAsync(s3, Quick);   // live.Shop is A, the shop to erase
        await live.InstallAsync();
        var b = await InstallOtherShopAsync(live);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (pageA, psidA, pageB, psidB) = ($"page-a-{tag}", $"psid-a-{tag}", $"page-b-{tag}", $"psid-b-{tag}");
        var pages = live.App.Get<PageStore>();
        Assert.True(await pages.TrySaveAsync(pageA, "Page A", live.Shop, LiveShop.SandboxPageToken, default));
        Assert.True(await pages.TrySaveAsync(pageB, "Page B", b, LiveShop.SandboxPageToken, default));
        // The merchants' choices: assistant settings and a bot switch per page.
        var settings = live.App.Get<SalesBot.Assistant.Settings.AssistantSettingsService>();
        foreach (var shop in new[] { live.Shop, b })
            Assert.True((await settings.SaveAsync(shop, new("Hello!", [], 60, true, false, null, [], null), default)).Saved);
        Assert.True(await live.App.Get<PageBotSwitches>().SetAsync(live.Shop, pageA, true, default));
        Assert.True(await live.App.Get<PageBotSwitches>().SetAsync(b, pageB, true, default));
        await live.PostMessengerAsync(pageA, psidA, "shirt");
        await live.PostMessengerAsync(pageB, psidB, "shirt");
        await live.PostMessengerAsync(pageA, psidA, "a person replied", echoFromAppId: "263902037430900");
        await live.WaitForConversationsAsync();
        using (var browser = live.App.Browser())
        {
            (await browser.GetAsync($"/shopify/{live.ShopName}/login")).Dispose();   // logins started, never finished
            (await browser.GetAsync($"/shopify/{b}/login")).Dispose();
            // A shopper of each shop follows a tracked Buy link (counted per product).
            var links = live.App.Get<SalesBot.Insights.BuyLinks>();
            foreach (var (shop, page) in new[] { (live.Shop, pageA), (b, pageB) })
                (await browser.GetAsync(links.Track(new SalesBot.Insights.BuyLink(shop, page, "gid://shopify/Product/1", "gid://shopify/ProductVariant/1", $"https://{shop}/cart/1:1")))).Dispose();
        }
        await live.App.Get<PollingReconciler>().PollAllAsync(default);
        var product = live.Store.Products.Values.First();
        await live.AdminAsync(HttpMethod.Patch, $"products/{product.Id}", new { title = "Edited before the redact" });
        await live.WaitForSnapshotAsync(d => d.Products.Nodes.Any(p => p.Title == "Edited before the redact"), "the edit");
        var factory = live.App.Get<IDbContextFactory<SalesBotDbContext>>();
        await using (var seed = await factory.CreateDbContextAsync())
        {
            // A failed upload's bytes, for both shops (reaching this row for real would need a store outage).
            seed.PendingSnapshots.Add(new PendingSnapshot { Shop = live.Shop, Hash = "pending-a", Content = [1, 2, 3], QueuedAt = DateTimeOffset.UtcNow });
            seed.PendingSnapshots.Add(new PendingSnapshot { Shop = b, Hash = "pending-b", Content = [4, 5, 6], QueuedAt = DateTimeOffset.UtcNow });
            await seed.SaveChangesAsync();
        }
        // A private reply claimed for a comment on each shop's page (CommentReplyTests drive the real path).
        var claims = live.App.Get<SalesBot.Facebook.CommentReplyClaims>();
        Assert.NotNull(await claims.ClaimAsync(pageA, "comment-a", "post-a", psidA, default));
        Assert.NotNull(await claims.ClaimAsync(pageB, "comment-b", "post-b", psidB, default));
        // A signed delivery too old to accept: kept as a refusal in the shop's webhook health.
        using (await live.PostWebhookAsync(WebhookTopics.ShopUpdate, new JsonObject { ["id"] = 1 }, triggeredAt: DateTimeOffset.UtcNow - DeliveryWindow.Length - TimeSpan.FromMinutes(5))) { }
        string[] ofA = [live.Shop, pageA, psidA];
        string[] ofB = [b, pageB, psidB];
        // The uninstall itself already drops what only an installed shop has (its token state), so coverage is counted on both sides of it.
        var installedA = await RowsMentioningAsync(factory, ofA);
        await live.AdminAsync(HttpMethod.Post, "app/uninstall");
        await LiveShop.WaitUntilAsync(async () => await live.App.Get<ShopTokenStore>().GetAccessTokenAsync(live.Shop, default) is null, "app/uninstalled");

        var beforeA = await RowsMentioningAsync(factory, ofA);
        var beforeB = await RowsMentioningAsync(factory, ofB);
        // Every table that can hold a shop's data held some of A's, so the check below covers it (and any table added later).
        Assert.All(beforeA.Where(t => !HoldsNoShopData.Contains(t.Key)),
            t => Assert.True(t.Value.Count + installedA[t.Key].Count > 0, $"{t.Key} has no row of the shop to erase"));
        Assert.Equal(1, await ObjectCountAsync(live.Shop));
        Assert.Equal(1, await ObjectCountAsync(b));

        // Shopify's own request, 48 hours later in real life, to the compliance address.
        await live.AdminAsync(HttpMethod.Post, "compliance/shop/redact");
        var redactId = (await SentAsync(live, live.Shop, WebhookTopics.ShopRedact)).EventId;
        await live.WaitProcessedAsync(redactId);

        var afterA = await RowsMentioningAsync(factory, ofA);
        foreach (var (table, rows) in afterA)
            if (table == "WebhookDeliveries") Assert.Equal([redactId], rows);   // the request itself, until the window ends
            else Assert.True(rows.Count == 0, $"{table} still holds {rows.Count} rows of the erased shop");
        Assert.Equal(0, await ObjectCountAsync(live.Shop));
        Assert.Equal(beforeB.ToDictionary(t => t.Key, t => t.Value.Count), (await RowsMentioningAsync(factory, ofB)).ToDictionary(t => t.Key, t => t.Value.Count));
        Assert.Equal(1, await ObjectCountAsync(b));

        // Once the deliveries' retention (at least the delivery window) has passed, pruning removes the redact request too:
        // nothing of A remains.
        var retention = live.App.Get<Microsoft.Extensions.Options.IOptions<SalesBot.Data.Retention.RetentionOptions>>().Value.WebhookDeliveries;
        await using (var age = await factory.CreateDbContextAsync())
            await age.WebhookDeliveries.Where(d => d.EventId == redactId)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.ReceivedAt, DateTimeOffset.UtcNow - retention - TimeSpan.FromMinutes(1)));
        Assert.True((await live.App.Get<SalesBot.Data.Retention.RetentionSweeper>().SweepAsync(default))["WebhookDeliveries"] >= 1);
        Assert.All(await RowsMentioningAsync(factory, ofA), t => Assert.True(t.Value.Count == 0, $"{t.Key} still holds rows of the erased shop"));
    }

    [Fact]
    public async Task After_app_uninstalled_the_shops_pages_offer_no_products()
    {
        await using var live = await LiveShop.StartAsync(s3, Quick);
        await live.InstallAsync();
        var page = "page-" + Guid.NewGuid().ToString("N")[..8];
        Assert.True(await live.App.Get<PageStore>().TrySaveAsync(page, "Shop page", live.Shop, LiveShop.SandboxPageToken, default));
        var title = live.Store.Products.Values.First().Title;
        var sent = live.App.Get<FacebookSandboxState>();

        var before = "psid-" + Guid.NewGuid().ToString("N")[..8];
        await live.PostMessengerAsync(page, before, title);
        await live.WaitForConversationsAsync();
        Assert.Contains(sent.Sent(before), s => s.Message?.TryGetProperty("attachment", out _) == true);

        await live.AdminAsync(HttpMethod.Post, "app/uninstall");
        await LiveShop.WaitUntilAsync(async () => await live.App.Get<ShopTokenStore>().GetAccessTokenAsync(live.Shop, default) is null, "app/uninstalled");

        var after = "psid-" + Guid.NewGuid().ToString("N")[..8];
        await live.PostMessengerAsync(page, after, title);
        await live.WaitForConversationsAsync();
        var messages = sent.Sent(after).Where(s => s.Message is not null).Select(s => s.Message!.Value).ToList();
        var only = Assert.Single(messages);
        Assert.False(only.TryGetProperty("attachment", out _));
        Assert.DoesNotContain(title, only.GetProperty("text").GetString());
        Assert.Equal(SalesBot.Facebook.ConversationTurn.ClosedReply, only.GetProperty("text").GetString());
    }

    /// <summary>Tables with no column naming a shop, page or shopper: Data Protection keys, and data deletion receipts (counts only).</summary>
    private static readonly HashSet<string> HoldsNoShopData = ["DataProtectionKeys", "DataDeletionRequests"];

    
    /// <summary>
    /// For every table of the model (enumerated, so a table added later is covered), the rows whose text columns name one
    /// of <paramref name="ids"/>, each as its first key value.
    /// </summary>
    private static async Task<Dictionary<string, List<string>>> RowsMentioningAsync(IDbContextFactory<SalesBotDbContext> factory, string[] ids)
    {
        await using var context = await factory.CreateDbContextAsync();
        var result = new Dictionary<string, List<string>>();
        foreach (var entity in context.Model.GetEntityTypes())
        {
            var set = (IQueryable<object>)typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!
                .MakeGenericMethod(entity.ClrType).Invoke(context, null)!;
            var rows = await set.AsNoTracking().ToListAsync();
            var key = entity.FindPrimaryKey()!.Properties[0];
            result[entity.GetTableName()!] = rows
                .Where(row => entity.GetProperties().Any(p => p.PropertyInfo?.GetValue(row) is string text
                    && ids.Any(id => text.Contains(id, StringComparison.OrdinalIgnoreCase))))
                .Select(row => key.PropertyInfo!.GetValue(row)?.ToString() ?? "")
                .ToList();
        }
        return result;
    }

    private async Task<int> ObjectCountAsync(string shop)
    {
        using var client = SpacesClient.Create(s3.Options());
        var listed = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = S3rverFixture.Bucket, Prefix = shop + "/" });
        return listed.S3Objects?.Count ?? 0;
    }

    private static async Task<string> InstallOtherShopAsync(LiveShop live)
    {
        var name = $"other-{Guid.NewGuid():N}"[..17];
        using var browser = live.App.Browser();
        var (status, body) = await InstallFlow.InstallAsync(browser, name);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        return name + ".myshopify.com";
    }

    private static async Task OtherShopAdminAsync(LiveShop live, string shop, HttpMethod method, string path, object? body = null)
    {
        using var admin = new HttpClient { BaseAddress = new Uri(live.Sandbox.ShopUri(shop), "admin/sandbox/") };
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = System.Net.Http.Json.JsonContent.Create(body);
        using var response = await admin.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The body the sandbox, as Shopify, signed and delivered for a shop and topic.</summary>
    private static async Task<SalesBot.Sandbox.Shopify.Webhooks.WebhookDelivery> SentAsync(LiveShop live, string shop, string topic)
    {
        await live.Sandbox.Sandbox.Webhooks.WhenIdleAsync();
        return live.Sandbox.Sandbox.Webhooks.Deliveries.Last(d => d.Shop == shop && d.Topic == topic && d.Delivered);
    }

    private static async Task PostAndWaitAsync(LiveShop live, string topic, byte[] body)
    {
        var eventId = Guid.NewGuid().ToString();
        using (var response = await live.PostWebhookAsync(topic, body, eventId))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await live.WaitProcessedAsync(eventId);
    }

    /// <summary>What a harmful replay would change: the token, the installed list, the snapshot and its publish state.</summary>
    private static async Task<string> StateOfAsync(LiveShop live, string shop)
    {
        var tokens = live.App.Get<ShopTokenStore>();
        var head = await live.App.Get<ISnapshotStore>().HeadAsync(shop, default);
        await using var context = await live.App.Get<IDbContextFactory<SalesBotDbContext>>().CreateDbContextAsync();
        var publication = await context.SnapshotPublications.AsNoTracking().FirstOrDefaultAsync(p => p.Shop == shop);
        var state = $"token={await tokens.GetAccessTokenAsync(shop, default) is not null} uninstalled={(await tokens.FindAsync(shop, default))?.UninstalledAt} " +
                    $"active={(await tokens.ListActiveShopsAsync(default)).Contains(shop)} head={head?.ContentHash} published={publication?.PublishedHash}";
        Assert.Contains("token=True", state);
        Assert.NotNull(head);
        return state;
    }
}
