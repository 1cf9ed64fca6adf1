using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SalesBot.Data;
using SalesBot.Sandbox.Shopify.Catalog;
using SalesBot.Sandbox.Shopify.Store;
using SalesBot.Shopify.Auth;
using SalesBot.Shopify.Sync;
using SalesBot.Shopify.Webhooks;
using SalesBot.Snapshots;
using SalesBot.Tests.Snapshots;
using SalesBot.Tests.Support;
using SalesBot.Tests.Webhooks;

namespace SalesBot.Tests.MerchantConsole;

/// <summary>
/// /console over real HTTP after a sandbox install: every number comes from the part that owns it, and matches what
/// the sandbox store holds; a poll the merchant forces shows in the history; nothing of another shop appears.
/// </summary>
public sealed partial class OverviewTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    [Fact]
    public async Task Overview_shows_the_mirror_the_subscriptions_and_a_forced_poll_of_the_signed_in_shop_only()
    {
        const string other = "other-overview.myshopify.com";
        await using var live = await LiveShop.StartAsync(s3, sandboxOptions: o =>
            o.ShopCatalogs[other] = CatalogSource.Generated(new CatalogGeneratorSpec { Products = 11, VariantsPerProduct = 3, Collections = 1, Discounts = 1 }));
        await live.InstallAsync();
        using (var installer = live.App.Browser())
            Assert.Equal(HttpStatusCode.OK, (await InstallFlow.InstallAsync(installer, "other-overview")).Status);
        var otherHash = (await live.App.Get<SnapshotPublisher>().StatusAsync(other, default))!.PublishedHash!;

        var merchant = await live.MerchantAsync();
        var page = await merchant.GetStringAsync("/console");

        var store = live.Store;
        Assert.Equal(store.Products.Count, Number(page, "count-products"));
        Assert.Equal(store.Products.Values.Sum(p => p.Variants.Count), Number(page, "count-variants"));
        Assert.Equal(store.Collections.Count, Number(page, "count-collections"));
        Assert.Equal(store.Discounts.Count, Number(page, "count-discounts"));
        Assert.Contains("<div class=\"tile-value\">connected</div>", page);

        // The subscriptions the sandbox store holds for the app are the ones listed.
        var listed = SubscriptionItem().Matches(Element(page, "webhook-subscriptions")).Select(m => m.Groups[1].Value).Order().ToList();
        var held = store.Webhooks.Values.Select(s => StoreWebhookSubscription.HeaderTopic(s.Topic)).Order().ToList();
        Assert.Equal(held, listed);
        Assert.Equal(WebhookTopics.Subscribed.Order(), listed);

        // A change whose webhook is lost: only the poll can find it.
        var product = store.Products.Values.First();
        await live.AdminAsync(HttpMethod.Patch, $"products/{product.Id}", new { title = product.Title + " (renamed quietly)" }, webhook: false);
        Assert.DoesNotContain("run-poll", page);
        using (var poll = await merchant.PostAsync("/console", ConsoleHtml.Form(page, ("_handler", "poll-now"))))
        {
            Assert.Equal(HttpStatusCode.Redirect, poll.StatusCode);
            Assert.Equal("/console?done=polled", new Uri(live.App.BaseUri, poll.Headers.Location!).PathAndQuery);
        }
        page = await merchant.GetStringAsync("/console?done=polled");
        Assert.Contains("Shopify was read again", ConsoleHtml.TextOf(page, "notice"));
        var pollRow = PollRow().Match(page);
        Assert.True(pollRow.Success, "no poll in the history");
        var cells = Cell().Matches(pollRow.Value).Select(m => Regex.Replace(m.Groups[1].Value, "<[^>]+>", "").Trim()).ToList();
        Assert.Equal("1", cells[3]); // the one product renamed without a webhook
        Assert.Equal("published", cells[7]);

        // The Admin API panel shows the last answered query's cost as the sandbox computed it.
        var document = Regex.Match(Element(page, "admin-cost"), "<code>(\\w+)</code>").Groups[1].Value;
        var answered = live.Sandbox.Sandbox.QueryLog(live.Shop).Last(q => q.OperationName == document && !q.Throttled);
        Assert.Equal(answered.ActualCost.ToString(System.Globalization.CultureInfo.InvariantCulture), ConsoleHtml.TextOf(page, "admin-actual-cost"));

        // Nothing of the other shop: not its name, not its object, not its counts.
        Assert.DoesNotContain("other-overview", page);
        Assert.DoesNotContain(otherHash[..12], page);
        Assert.NotEqual(33, Number(page, "count-variants"));
    }

    [Fact]
    public async Task A_refused_token_shows_the_reauthorization_link_and_the_failed_poll()
    {
        await using var live = await LiveShop.StartAsync(s3);
        await live.InstallAsync();
        var merchant = await live.MerchantAsync();
        var page = await merchant.GetStringAsync("/console");
        Assert.Null(ConsoleHtml.TextOf(page, "reauthorize"));

        // Shopify revokes the app's tokens (no webhook arrives): the next read is refused and cannot be refreshed.
        await live.AdminAsync(HttpMethod.Post, "app/uninstall", webhook: false);
        using (var poll = await merchant.PostAsync("/console", ConsoleHtml.Form(page, ("_handler", "poll-now"))))
            Assert.Equal("/console?error=poll-failed", new Uri(live.App.BaseUri, poll.Headers.Location!).PathAndQuery);

        page = await merchant.GetStringAsync("/console");
        Assert.Contains("Authorize the app again", ConsoleHtml.TextOf(page, "reauthorize"));
        Assert.Matches($"href=\"[^\"]*/shopify/{Regex.Escape(live.Shop)}/login\"[^>]*id=\"reauthorize-link\"", page);
        var run = Assert.Single((await live.App.Get<SyncRunHistory>().RecentAsync(live.Shop, DateTimeOffset.MinValue, default)), r => r.Kind == "poll");
        Assert.Equal(SyncRunEntry.Failed, run.Outcome);
        Assert.Contains("refused", run.Error);
        Assert.Contains("failed", PollRow().Match(page).Value);
    }

    [Fact]
    public async Task A_lifetime_token_shows_the_2027_deadline_and_the_link_to_authorize_again()
    {
        await using var live = await LiveShop.StartAsync(s3);
        var merchant = await live.MerchantAsync();
        // Installed before expiring tokens: a lifetime token and no token state at all.
        var lifetime = live.Store.Tokens.IssueLifetimeToken("read_products,read_inventory,read_discounts");
        await live.App.Get<ShopTokenStore>().SaveAsync(live.Shop, new AccessTokenResponse(lifetime, "read_products"), default);
        await using (var db = await live.App.Get<IDbContextFactory<SalesBotDbContext>>().CreateDbContextAsync())
            await db.ShopTokenStates.Where(s => s.Domain == live.Shop).ExecuteDeleteAsync();

        var page = await merchant.GetStringAsync("/console");

        Assert.Contains("<div class=\"tile-value\">connected (lifetime token)</div>", page);
        var notice = ConsoleHtml.TextOf(page, "lifetime-token");
        Assert.Contains(ShopAccessTokens.LifetimeTokenDeadline.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture), notice);
        Assert.Contains("Authorize again for an expiring token", notice);
        Assert.Matches($"href=\"[^\"]*/shopify/{Regex.Escape(live.Shop)}/login\"[^>]*id=\"reauthorize-link\"", page);
        Assert.DoesNotContain(lifetime, page);
    }

    private static int Number(string page, string id) =>
        int.Parse(ConsoleHtml.TextOf(page, id) ?? throw new InvalidOperationException($"no #{id} on the page"), System.Globalization.NumberStyles.AllowThousands);

    /// <summary>The inner HTML of the element with this id (up to its first closing tag of the same name).</summary>
    private static string Element(string page, string id) =>
        Regex.Match(page, $"<(\\w+)[^>]*\\bid=\"{Regex.Escape(id)}\"[^>]*>(.*?)</\\1>", RegexOptions.Singleline) is { Success: true } m
            ? m.Groups[2].Value : throw new InvalidOperationException($"no #{id} on the page");

    [GeneratedRegex("<td[^>]*>(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex Cell();

    [GeneratedRegex("<li[^>]*>([a-z_]+/[a-z_]+)</li>")]
    private static partial Regex SubscriptionItem();

    [GeneratedRegex("<tr class=\"run-poll\">.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex PollRow();
}
