using System.Collections.Concurrent;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using SalesBot.Data;

namespace SalesBot.Facebook;

/// <summary>
/// Connected pages with their tokens decrypted on demand. The page pre-configured through
/// <c>FACEBOOK_PAGE_*</c> (or the sandbox page) is answered from options and never written to the database.
/// </summary>
public sealed class PageStore(
    IDbContextFactory<SalesBotDbContext> dbFactory,
    IDataProtectionProvider protection,
    FacebookApp app,
    TimeProvider time,
    ILogger<PageStore> logger)
{
    private readonly IDataProtector _protector = protection.CreateProtector("SalesBot.Facebook.PageToken");
    // The pre-configured page has no row to flag, so its rejection is remembered here until restart.
    private readonly ConcurrentDictionary<string, bool> _rejectedPreconfigured = new();

    public async Task<PageCredentials?> GetAsync(string pageId, CancellationToken cancellationToken)
    {
        if (app.PreconfiguredPage is { } preconfigured && preconfigured.PageId == pageId)
            return _rejectedPreconfigured.ContainsKey(pageId) ? null : preconfigured;

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var page = await db.ConnectedPages.AsNoTracking().FirstOrDefaultAsync(p => p.PageId == pageId, cancellationToken);
        if (page is null || page.DisconnectedAt is not null) return null;
        return new PageCredentials(page.PageId, page.Shop, _protector.Unprotect(page.ProtectedAccessToken));
    }

    /// <summary>
    /// Every page that sells (or sold, until it is connected again) for <paramref name="shop"/>: the console's scope for
    /// conversations. The pre-configured page counts when it is configured for this shop.
    /// </summary>
    public async Task<IReadOnlyList<ShopPage>> PagesOfShopAsync(string shop, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pages = await db.ConnectedPages.AsNoTracking().Where(p => p.Shop == shop)
            .Select(p => new ShopPage(p.PageId, p.Name == "" ? p.PageId : p.Name)).ToListAsync(cancellationToken);
        if (app.PreconfiguredPage is { } preconfigured && string.Equals(preconfigured.Shop, shop, StringComparison.OrdinalIgnoreCase)
            && pages.All(p => p.PageId != preconfigured.PageId))
            pages.Add(new ShopPage(preconfigured.PageId, app.IsSandbox ? "Sandbox page" : preconfigured.PageId));
        return pages;
    }

    /// <summary>
    /// Saves the page for <paramref name="shop"/>, or returns false and changes nothing when it already sells for another
    /// shop (a stored page, disconnected or not, or the pre-configured one).
    /// </summary>
    public async Task<bool> TrySaveAsync(string pageId, string name, string shop, string token, CancellationToken cancellationToken)
    {
        if (app.PreconfiguredPage is { } preconfigured && preconfigured.PageId == pageId
            && !string.Equals(preconfigured.Shop, shop, StringComparison.OrdinalIgnoreCase)) return false;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var page = await db.ConnectedPages.FirstOrDefaultAsync(p => p.PageId == pageId, cancellationToken);
        if (page is not null && page.Shop != shop) return false;
        if (page is null)
        {
            page = new ConnectedPage { PageId = pageId, Shop = shop, ProtectedAccessToken = "" };
            db.ConnectedPages.Add(page);
        }
        page.Name = name;
        page.Shop = shop;
        page.ProtectedAccessToken = _protector.Protect(token);
        page.ConnectedAt = time.GetUtcNow();
        page.DisconnectedAt = null;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another connect inserted the page first (its key is unique): that one stands.
            return false;
        }
        return true;
    }

    /// <summary>Facebook rejected the page token (error 190): stop using it until the merchant reconnects.</summary>
    public async Task MarkDisconnectedAsync(string pageId, CancellationToken cancellationToken)
    {
        logger.LogError("Facebook rejected the access token of page {PageId} (error 190); the page is disconnected until it is connected again at /facebook/login", pageId);
        if (app.PreconfiguredPage?.PageId == pageId)
        {
            _rejectedPreconfigured[pageId] = true;
            return;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.ConnectedPages.Where(p => p.PageId == pageId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.DisconnectedAt, time.GetUtcNow()), cancellationToken);
    }

    /// <summary>
    /// For <c>shop/redact</c>: removes the shop's connected pages and their tokens, and returns every page that sold
    /// for the shop (the pre-configured one too, which lives in options and has no row), so their conversations can go.
    /// </summary>
    public async Task<IReadOnlyList<string>> DeleteShopAsync(string shop, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pageIds = await db.ConnectedPages.Where(p => p.Shop == shop).Select(p => p.PageId).ToListAsync(cancellationToken);
        await db.ConnectedPages.Where(p => p.Shop == shop).ExecuteDeleteAsync(cancellationToken);
        if (app.PreconfiguredPage is { } preconfigured && string.Equals(preconfigured.Shop, shop, StringComparison.OrdinalIgnoreCase))
            pageIds.Add(preconfigured.PageId);
        return pageIds.Distinct(StringComparer.Ordinal).ToList();
    }
}

/// <summary>A page of a shop as the console names it.</summary>
public sealed record ShopPage(string PageId, string Name);

/// <summary>What a turn needs to answer on a page. <see cref="Token"/> is a secret: never log it.</summary>
public sealed record PageCredentials(string PageId, string Shop, string Token)
{
    public override string ToString() => $"PageCredentials {{ PageId = {PageId}, Shop = {Shop} }}";
}
