using Microsoft.EntityFrameworkCore;
using SalesBot.Data;

namespace SalesBot.Insights;

/// <summary>The results of one shop over the last days: a value for every day (0 where nothing happened), totals, per page.</summary>
public sealed record ShopResults(
    IReadOnlyList<DateOnly> Days,
    IReadOnlyList<InsightCounts> Daily,
    InsightCounts Last7Days,
    InsightCounts Last30Days,
    IReadOnlyList<PageResults> Pages,
    IReadOnlyList<ProductClicks> TopClicked);

public sealed record PageResults(string PageId, InsightCounts Totals, DateOnly LastActive);

public sealed record ProductClicks(string ProductId, string? VariantId, long Clicks);

/// <summary>Reads the counters of <see cref="InsightsRecorder"/> for the console, always for one shop.</summary>
public sealed class InsightsReport(IDbContextFactory<SalesBotDbContext> dbFactory, TimeProvider time)
{
    public const int Days = 30;
    public const int TopProducts = 5;

    public async Task<ShopResults> ForShopAsync(string shop, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var first = today.AddDays(1 - Days);
        var weekStart = today.AddDays(-6);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.InsightDays.AsNoTracking()
            .Where(d => d.Shop == shop && d.Day >= first && d.Day <= today)
            .ToListAsync(cancellationToken);
        var clicks = await db.InsightProductClicks.AsNoTracking()
            .Where(c => c.Shop == shop && c.Day >= first && c.Day <= today)
            .GroupBy(c => new { c.ProductId, c.VariantId })
            .Select(g => new { g.Key.ProductId, g.Key.VariantId, Clicks = g.Sum(c => c.Clicks) })
            .ToListAsync(cancellationToken);

        var days = Enumerable.Range(0, Days).Select(i => first.AddDays(i)).ToList();
        var byDay = rows.GroupBy(r => r.Day).ToDictionary(g => g.Key, g => Sum(g));
        var daily = days.Select(d => byDay.GetValueOrDefault(d, InsightCounts.Zero)).ToList();
        var pages = rows.GroupBy(r => r.PageId)
            .Select(g => new PageResults(g.Key, Sum(g), g.Max(r => r.Day)))
            .OrderByDescending(p => p.Totals.Conversations).ThenBy(p => p.PageId, StringComparer.Ordinal)
            .ToList();
        var top = clicks.OrderByDescending(c => c.Clicks).ThenBy(c => c.ProductId, StringComparer.Ordinal).Take(TopProducts)
            .Select(c => new ProductClicks(c.ProductId, c.VariantId.Length == 0 ? null : c.VariantId, c.Clicks)).ToList();
        return new ShopResults(days, daily, Sum(rows.Where(r => r.Day >= weekStart)), Sum(rows), pages, top);
    }

    private static InsightCounts Sum(IEnumerable<InsightDay> rows) =>
        rows.Aggregate(InsightCounts.Zero, (total, row) => total + InsightCounts.Of(row));
}
