using Microsoft.EntityFrameworkCore;
using SalesBot.Data;

namespace SalesBot.Facebook;

/// <summary>
/// Bot on or off per page. When off, shoppers' messages are still recorded (the merchant reads them in the inbox) but
/// the bot sends nothing at all on that page, not even <c>mark_seen</c>.
/// </summary>
public sealed class PageBotSwitches(IDbContextFactory<SalesBotDbContext> dbFactory, FacebookApp app, TimeProvider time)
{
    public async Task<bool> IsBotOnAsync(string pageId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.PageBotSwitches.Where(s => s.PageId == pageId).Select(s => (bool?)s.BotOn).FirstOrDefaultAsync(cancellationToken) ?? true;
    }

    /// <summary>The shop's pages (the pre-configured one too when it sells for this shop), with their bot switch.</summary>
    public async Task<IReadOnlyList<ShopPage>> ListAsync(string shop, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.ConnectedPages.AsNoTracking().Where(p => p.Shop == shop)
            .Select(p => new { p.PageId, p.Name, p.DisconnectedAt }).ToListAsync(cancellationToken);
        var pages = rows.Select(p => (p.PageId, p.Name, Connected: p.DisconnectedAt == null, Preconfigured: false)).ToList();
        if (app.PreconfiguredPage is { } preconfigured && string.Equals(preconfigured.Shop, shop, StringComparison.OrdinalIgnoreCase)
            && pages.All(p => p.PageId != preconfigured.PageId))
            pages.Insert(0, (preconfigured.PageId, app.IsSandbox ? "Sandbox page" : "Page from FACEBOOK_PAGE_ID", true, true));

        var ids = pages.Select(p => p.PageId).ToList();
        var switches = await db.PageBotSwitches.AsNoTracking().Where(s => ids.Contains(s.PageId))
            .ToDictionaryAsync(s => s.PageId, s => s.BotOn, cancellationToken);
        return pages.Select(p => new ShopPage(p.PageId, string.IsNullOrEmpty(p.Name) ? p.PageId : p.Name, p.Connected, p.Preconfigured,
            switches.GetValueOrDefault(p.PageId, true))).ToList();
    }

    /// <summary>Turns the bot on or off; false (and nothing changes) when the page does not sell for <paramref name="shop"/>.</summary>
    public async Task<bool> SetAsync(string shop, string pageId, bool botOn, CancellationToken cancellationToken)
    {
        var pages = await ListAsync(shop, cancellationToken);
        if (pages.All(p => p.PageId != pageId)) return false;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.PageBotSwitches.FirstOrDefaultAsync(s => s.PageId == pageId, cancellationToken);
        if (row is null) db.PageBotSwitches.Add(row = new PageBotSwitch { PageId = pageId, Shop = shop });
        row.Shop = shop;
        row.BotOn = botOn;
        row.ChangedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>For <c>shop/redact</c>: the shop's switches go with its pages.</summary>
    public async Task DeleteShopAsync(string shop, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.PageBotSwitches.Where(s => s.Shop == shop).ExecuteDeleteAsync(cancellationToken);
    }
}

/// <summary>A page of the shop as the settings page lists it.</summary>
public sealed record ShopPage(string PageId, string Name, bool Connected, bool Preconfigured, bool BotOn);
