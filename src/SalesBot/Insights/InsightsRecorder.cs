using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SalesBot.Data;

namespace SalesBot.Insights;

/// <summary>
/// Records what the bot achieved, per shop, page and UTC day. Every event is one atomic
/// <c>INSERT … ON CONFLICT DO UPDATE SET n = n + delta</c> on a counter row (the same SQL on SQLite and PostgreSQL),
/// so several instances can count at once without a lock and without losing an increment, and the reads behind the
/// results page touch pages × days rows instead of every message ever sent.
/// <para>Counting is best-effort: a database failure is logged and the conversation goes on.</para>
/// </summary>
public sealed class InsightsRecorder(
    IDbContextFactory<SalesBotDbContext> dbFactory,
    BuyLinks buyLinks,
    TimeProvider time,
    ILogger<InsightsRecorder> logger)
{
    /// <summary>A shopper's message reached the bot; the first one of the day on this conversation also counts the conversation.</summary>
    public Task ShopperMessageAsync(string shop, string pageId, string psid, CancellationToken cancellationToken) =>
        BestEffortAsync(async db =>
        {
            var day = Today;
            var shopper = ShopperHash(psid);
            var firstToday = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "InsightActiveConversations" ("PageId", "Day", "Shopper", "Shop") VALUES ({pageId}, {day}, {shopper}, {shop})
                ON CONFLICT ("PageId", "Day", "Shopper") DO NOTHING
                """, cancellationToken) == 1;
            if (firstToday)
                // Yesterday's rows have done their job; keeping them would only keep shopper hashes around.
                await db.Database.ExecuteSqlAsync(
                    $"""DELETE FROM "InsightActiveConversations" WHERE "PageId" = {pageId} AND "Day" < {day}""", cancellationToken);
            await AddAsync(db, shop, pageId, day, new InsightCounts(Conversations: firstToday ? 1 : 0, ShopperMessages: 1), cancellationToken);
        }, cancellationToken);

    /// <summary>The Send API accepted one bot message carrying <paramref name="cards"/> product cards.</summary>
    public Task BotMessageAsync(string shop, string pageId, int cards, CancellationToken cancellationToken) =>
        AddAsync(shop, pageId, new InsightCounts(BotMessages: 1, CardsShown: cards), cancellationToken);

    /// <summary>A person (page inbox or console) wrote in the conversation.</summary>
    public Task PersonMessageAsync(string shop, string pageId, CancellationToken cancellationToken) =>
        AddAsync(shop, pageId, new InsightCounts(PersonMessages: 1), cancellationToken);

    /// <summary>The shopper asked for a person.</summary>
    public Task HandoffAsync(string shop, string pageId, CancellationToken cancellationToken) =>
        AddAsync(shop, pageId, new InsightCounts(Handoffs: 1), cancellationToken);

    /// <summary>A shopper followed a Buy link (already checked by <see cref="BuyLinks.Read"/>).</summary>
    public Task BuyClickAsync(BuyLink link, CancellationToken cancellationToken) =>
        BestEffortAsync(async db =>
        {
            var day = Today;
            var variant = link.VariantId ?? "";
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await AddAsync(db, link.Shop, link.PageId, day, new InsightCounts(BuyClicks: 1), cancellationToken);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "InsightProductClicks" ("Shop", "PageId", "Day", "ProductId", "VariantId", "Clicks")
                VALUES ({link.Shop}, {link.PageId}, {day}, {link.ProductId}, {variant}, 1)
                ON CONFLICT ("Shop", "PageId", "Day", "ProductId", "VariantId") DO UPDATE SET "Clicks" = "InsightProductClicks"."Clicks" + 1
                """, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }, cancellationToken);

    /// <summary>Issues the tracked Buy links of one reply on one page.</summary>
    public BuyLinkIssuer BuyLinksFor(string shop, string pageId) => new(buyLinks, shop, pageId);

    /// <summary>For <c>shop/redact</c>: every count and marker of the shop.</summary>
    public async Task<int> EraseShopAsync(string shop, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.InsightDays.Where(d => d.Shop == shop).ExecuteDeleteAsync(cancellationToken)
            + await db.InsightProductClicks.Where(c => c.Shop == shop).ExecuteDeleteAsync(cancellationToken)
            + await db.InsightActiveConversations.Where(c => c.Shop == shop).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// For Meta's data deletion: the only per-shopper rows, today's "already counted" markers of that id. The counts
    /// themselves name no shopper and stay.
    /// </summary>
    public async Task<int> EraseShopperAsync(string psid, CancellationToken cancellationToken)
    {
        var shopper = ShopperHash(psid);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.InsightActiveConversations.Where(c => c.Shopper == shopper).ExecuteDeleteAsync(cancellationToken);
    }

    internal static string ShopperHash(string psid) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(psid)));

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private Task AddAsync(string shop, string pageId, InsightCounts delta, CancellationToken cancellationToken) =>
        BestEffortAsync(db => AddAsync(db, shop, pageId, Today, delta, cancellationToken), cancellationToken);

    private static Task AddAsync(SalesBotDbContext db, string shop, string pageId, DateOnly day, InsightCounts d, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO "InsightDays" ("Shop", "PageId", "Day", "Conversations", "ShopperMessages", "BotMessages", "PersonMessages", "Handoffs", "CardsShown", "BuyClicks")
            VALUES ({shop}, {pageId}, {day}, {d.Conversations}, {d.ShopperMessages}, {d.BotMessages}, {d.PersonMessages}, {d.Handoffs}, {d.CardsShown}, {d.BuyClicks})
            ON CONFLICT ("Shop", "PageId", "Day") DO UPDATE SET
                "Conversations" = "InsightDays"."Conversations" + excluded."Conversations",
                "ShopperMessages" = "InsightDays"."ShopperMessages" + excluded."ShopperMessages",
                "BotMessages" = "InsightDays"."BotMessages" + excluded."BotMessages",
                "PersonMessages" = "InsightDays"."PersonMessages" + excluded."PersonMessages",
                "Handoffs" = "InsightDays"."Handoffs" + excluded."Handoffs",
                "CardsShown" = "InsightDays"."CardsShown" + excluded."CardsShown",
                "BuyClicks" = "InsightDays"."BuyClicks" + excluded."BuyClicks"
            """, cancellationToken);

    private async Task BestEffortAsync(Func<SalesBotDbContext, Task> write, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await write(db);
        }
        catch (DbException e)
        {
            logger.LogWarning(e, "An insights count was not recorded");
        }
    }
}
