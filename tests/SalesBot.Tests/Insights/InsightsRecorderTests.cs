using SalesBot.Insights;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Insights;

/// <summary>The counters over a real SQLite database (and PostgreSQL for the concurrency test): days, conversations, erasure.</summary>
public sealed class InsightsRecorderTests : IAsyncLifetime
{
    private const string Shop = "shop-a.myshopify.com";
    private const string OtherShop = "shop-b.myshopify.com";
    private readonly string _dataDir = Directory.CreateTempSubdirectory("salesbot-insights-").FullName;
    private InsightsHarness _app = null!;

    public async Task InitializeAsync() => _app = await InsightsHarness.StartAsync(_dataDir);

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Counts_land_on_their_utc_day_and_days_without_events_are_zero()
    {
        // The clock only moves forward: start 40 days before "today".
        var start = new DateTimeOffset(2026, 10, 23, 23, 30, 0, TimeSpan.Zero);
        var today = DateOnly.FromDateTime(start.AddDays(40).UtcDateTime);
        var dir = Directory.CreateTempSubdirectory("salesbot-insights-days-").FullName;
        await using var _app = await InsightsHarness.StartAsync(dir, now: start);
        await _app.Recorder.ShopperMessageAsync(Shop, "page-1", "psid-old", default);   // 40 days ago: outside the report
        _app.Time.Advance(TimeSpan.FromDays(30));
        await _app.Recorder.ShopperMessageAsync(Shop, "page-1", "psid-1", default);     // 10 days ago
        await _app.Recorder.BotMessageAsync(Shop, "page-1", cards: 3, default);
        _app.Time.Advance(TimeSpan.FromDays(7));
        await _app.Recorder.ShopperMessageAsync(Shop, "page-1", "psid-1", default);     // 3 days ago
        await _app.Recorder.BotMessageAsync(Shop, "page-1", cards: 0, default);
        await _app.Recorder.BotMessageAsync(Shop, "page-1", cards: 2, default);
        await _app.Recorder.HandoffAsync(Shop, "page-1", default);
        await _app.Recorder.PersonMessageAsync(Shop, "page-1", default);
        _app.Time.Advance(TimeSpan.FromDays(3));

        var results = await _app.Report.ForShopAsync(Shop, default);

        Assert.Equal(InsightsReport.Days, results.Days.Count);
        Assert.Equal(today, results.Days[^1]);
        Assert.Equal(today.AddDays(-29), results.Days[0]);
        var cardsPerDay = results.Days.Zip(results.Daily).Where(d => d.Second.CardsShown > 0).Select(d => (d.First, d.Second.CardsShown));
        Assert.Equal([(today.AddDays(-10), 3L), (today.AddDays(-3), 2L)], cardsPerDay);
        Assert.Equal(28, results.Daily.Count(d => d == InsightCounts.Zero));

        Assert.Equal(new InsightCounts(Conversations: 1, ShopperMessages: 1, BotMessages: 2, PersonMessages: 1, Handoffs: 1, CardsShown: 2), results.Last7Days);
        Assert.Equal(new InsightCounts(Conversations: 2, ShopperMessages: 2, BotMessages: 3, PersonMessages: 1, Handoffs: 1, CardsShown: 5), results.Last30Days);
        Assert.Equal(4, results.Last7Days.Messages);   // shopper, bot and person messages together
        var page = Assert.Single(results.Pages);
        Assert.Equal(("page-1", today.AddDays(-3)), (page.PageId, page.LastActive));
    }

    [Fact]
    public async Task A_conversation_counts_once_per_day_it_is_active()
    {
        for (var i = 0; i < 3; i++) await _app.Recorder.ShopperMessageAsync(Shop, "page-1", "psid-1", default);
        await _app.Recorder.ShopperMessageAsync(Shop, "page-1", "psid-2", default);
        await _app.Recorder.ShopperMessageAsync(Shop, "page-2", "psid-1", default);   // the same id on another page is another conversation
        _app.Time.Advance(TimeSpan.FromDays(1));
        await _app.Recorder.ShopperMessageAsync(Shop, "page-1", "psid-1", default);
        await _app.Recorder.ShopperMessageAsync(Shop, "page-1", "psid-1", default);

        var results = await _app.Report.ForShopAsync(Shop, default);

        Assert.Equal([(3L, 5L), (1L, 2L)], results.Daily.TakeLast(2).Select(d => (d.Conversations, d.ShopperMessages)));
        Assert.Equal([("page-1", 3L), ("page-2", 1L)], results.Pages.Select(p => (p.PageId, p.Totals.Conversations)));
        // Yesterday's markers of page-1 went with its first conversation today; no raw shopper id is stored.
        var markers = await _app.RowsAsync(db => db.InsightActiveConversations.Where(c => c.PageId == "page-1"));
        var marker = Assert.Single(markers);
        Assert.Equal(InsightsRecorder.ShopperHash("psid-1"), marker.Shopper);
        Assert.DoesNotContain(markers, m => m.Shopper.Contains("psid"));
    }

    [Fact]
    public async Task Another_shops_counts_never_show_in_a_shops_results()
    {
        await _app.Recorder.ShopperMessageAsync(OtherShop, "page-b", "psid-1", default);
        await _app.Recorder.BotMessageAsync(OtherShop, "page-b", cards: 4, default);
        await _app.Recorder.ShopperMessageAsync(Shop, "page-a", "psid-1", default);

        var results = await _app.Report.ForShopAsync(Shop, default);

        Assert.Equal(new InsightCounts(Conversations: 1, ShopperMessages: 1), results.Last30Days);
        Assert.Equal(["page-a"], results.Pages.Select(p => p.PageId));
    }

    [Fact]
    public async Task Increments_from_two_instances_at_once_are_all_counted_on_sqlite()
    {
        await using var second = await InsightsHarness.StartAsync(_dataDir);
        await CountConcurrentlyAsync(_app, second);
    }

    [Fact]
    public async Task Shop_erasure_removes_every_row_of_the_shop_and_shopper_erasure_only_that_shoppers_marker()
    {
        await _app.Recorder.ShopperMessageAsync(Shop, "page-a", "psid-1", default);
        await _app.Recorder.ShopperMessageAsync(Shop, "page-a", "psid-2", default);
        await _app.Recorder.BuyClickAsync(new BuyLink(Shop, "page-a", "gid://shopify/Product/1", "gid://shopify/ProductVariant/10", "https://a.example/cart/10:1"), default);
        await _app.Recorder.ShopperMessageAsync(OtherShop, "page-b", "psid-1", default);

        Assert.Equal(2, await _app.Recorder.EraseShopperAsync("psid-1", default));
        Assert.Equal([InsightsRecorder.ShopperHash("psid-2")], (await _app.RowsAsync(db => db.InsightActiveConversations)).Select(m => m.Shopper));
        // The counts name no shopper, so a shopper's erasure leaves them.
        Assert.Equal(2, (await _app.Report.ForShopAsync(Shop, default)).Last30Days.Conversations);

        Assert.Equal(3, await _app.Recorder.EraseShopAsync(Shop, default));   // the day row, the product clicks, psid-2's marker
        Assert.Equal(InsightCounts.Zero, (await _app.Report.ForShopAsync(Shop, default)).Last30Days);
        Assert.Empty(await _app.RowsAsync(db => db.InsightProductClicks));
        Assert.Equal(1, (await _app.Report.ForShopAsync(OtherShop, default)).Last30Days.Conversations);
    }

    internal static async Task CountConcurrentlyAsync(InsightsHarness first, InsightsHarness second)
    {
        const int PerInstance = 40;
        var link = new BuyLink(Shop, "page-a", "gid://shopify/Product/1", "gid://shopify/ProductVariant/10", "https://a.example/cart/10:1");
        var work = new[] { first, second }.SelectMany(app => Enumerable.Range(0, PerInstance).Select(i => Task.Run(async () =>
        {
            await app.Recorder.ShopperMessageAsync(Shop, "page-a", "psid-same", default);
            await app.Recorder.BotMessageAsync(Shop, "page-a", cards: 2, default);
            await app.Recorder.BuyClickAsync(link, default);
        })));
        await Task.WhenAll(work);

        var results = await first.Report.ForShopAsync(Shop, default);
        Assert.Equal(new InsightCounts(Conversations: 1, ShopperMessages: 2 * PerInstance, BotMessages: 2 * PerInstance, CardsShown: 4 * PerInstance, BuyClicks: 2 * PerInstance),
            results.Last30Days);
        Assert.Equal(2 * PerInstance, Assert.Single(results.TopClicked).Clicks);
    }

}

/// <summary>The same race over PostgreSQL, where several instances of the app share one database.</summary>
public sealed class InsightsPostgresTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [PostgresFact]
    public async Task Increments_from_two_instances_at_once_are_all_counted_on_postgres()
    {
        var dataDir = Directory.CreateTempSubdirectory("salesbot-insights-pg-").FullName;
        var url = await postgres.CreateDatabaseAsync();
        await using var first = await InsightsHarness.StartAsync(dataDir, url);
        await using var second = await InsightsHarness.StartAsync(dataDir, url);
        await InsightsRecorderTests.CountConcurrentlyAsync(first, second);
    }
}
