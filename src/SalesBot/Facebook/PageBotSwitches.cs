using Microsoft.EntityFrameworkCore;
using SalesBot.Data;

namespace SalesBot.Facebook;

/// <summary>
/// Bot on or off per page. When off, shoppers' messages are still recorded (the merchant reads them in the inbox) but
/// the bot sends nothing at all on that page, not even <c>mark_seen</c>.
/// </summary>
public sealed class PageBotSwitches(IDbContextFactory<SalesBotDbContext> dbFactory, PageStore pageStore, TimeProvider time)
{
    public async Task<bool> IsBotOnAsync(string pageId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.PageBotSwitches.Where(s => s.PageId == pageId).Select(s => (bool?)s.BotOn).FirstOrDefaultAsync(cancellationToken) ?? true;
    }

    /// <summary>The shop's pages as <see cref="PageStore.ListForShopAsync"/> lists them, each with its bot switch.</summary>
    public async Task<IReadOnlyList<PageBotState>> ListAsync(string shop, CancellationToken cancellationToken)
    {
        var pages = await pageStore.ListForShopAsync(shop, cancellationToken);
        var ids = pages.Select(p => p.PageId).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var switches = await db.PageBotSwitches.AsNoTracking().Where(s => ids.Contains(s.PageId))
            .ToDictionaryAsync(s => s.PageId, s => s.BotOn, cancellationToken);
        return pages.Select(p => new PageBotState(p.PageId, string.IsNullOrEmpty(p.Name) ? p.PageId : p.Name,
            p.State == ShopPageState.Connected, p.Preconfigured, switches.GetValueOrDefault(p.PageId, true))).ToList();
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

/// <summary>A page of the shop with its bot switch, as the settings page lists it.</summary>
public sealed record PageBotState(string PageId, string Name, bool Connected, bool Preconfigured, bool BotOn);
