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
    // The pre-configured page's Instagram account, looked up once the app has started (PreconfiguredPageProfile).
    private volatile InstagramAccount? _preconfiguredInstagram;

    /// <summary>
    /// Every page id the app holds, connected or not, and their linked Instagram account ids (conversations live under
    /// either; data deletion erases a shopper's memory on each).
    /// </summary>
    public async Task<IReadOnlyList<string>> AllPageIdsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.ConnectedPages.Select(p => new { p.PageId, p.InstagramAccountId }).ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.PageId).Concat(rows.Select(r => r.InstagramAccountId).OfType<string>());
        if (_preconfiguredInstagram is { } ig) ids = ids.Append(ig.Id);
        return ids.Distinct(StringComparer.Ordinal).ToList();
    }

    public async Task<PageCredentials?> GetAsync(string pageId, CancellationToken cancellationToken)
    {
        if (app.PreconfiguredPage is { } preconfigured && preconfigured.PageId == pageId)
            return _rejectedPreconfigured.ContainsKey(pageId) ? null : preconfigured;

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var page = await db.ConnectedPages.AsNoTracking().FirstOrDefaultAsync(p => p.PageId == pageId, cancellationToken);
        if (page is null || page.DisconnectedAt is not null || page.IsReleased) return null;
        return new PageCredentials(page.PageId, page.Shop, _protector.Unprotect(page.ProtectedAccessToken));
    }

    /// <summary>
    /// The credentials a conversation answers with: <paramref name="accountId"/> is what its webhook's <c>entry[].id</c> named, a
    /// page id (Messenger) or the Instagram professional account id of a connected page (Instagram, with that page's token).
    /// Null for an account no connected page has.
    /// </summary>
    public async Task<PageCredentials?> GetAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        if (await GetAsync(accountId, cancellationToken) is { } page) return page;
        if (app.PreconfiguredPage is { } preconfigured && _preconfiguredInstagram?.Id == accountId)
            return _rejectedPreconfigured.ContainsKey(preconfigured.PageId) ? null : preconfigured.OnInstagram(accountId);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var linked = await db.ConnectedPages.AsNoTracking()
            .Where(p => p.InstagramAccountId == accountId && p.DisconnectedAt == null && p.ProtectedAccessToken != "")
            .OrderByDescending(p => p.ConnectedAt).FirstOrDefaultAsync(cancellationToken);
        return linked is null ? null
            : new PageCredentials(linked.PageId, linked.Shop, _protector.Unprotect(linked.ProtectedAccessToken)).OnInstagram(accountId);
    }

    /// <summary>
    /// Records the Instagram professional account linked to the page (null: none, or it was unlinked), found on connect.
    /// For the pre-configured page it is kept in memory, like the page itself.
    /// </summary>
    public async Task SetInstagramAccountAsync(string pageId, InstagramAccount? account, CancellationToken cancellationToken)
    {
        if (app.PreconfiguredPage?.PageId == pageId)
        {
            _preconfiguredInstagram = account;
            return;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.ConnectedPages.Where(p => p.PageId == pageId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.InstagramAccountId, account == null ? null : account.Id)
                .SetProperty(p => p.InstagramUsername, account == null ? null : account.Username), cancellationToken);
    }

    /// <summary>
    /// Every account whose conversations belong to <paramref name="shop"/>: its pages (Messenger) and their linked Instagram
    /// accounts, as <see cref="ListForShopAsync"/> lists the pages.
    /// </summary>
    public async Task<IReadOnlyList<ShopAccount>> ListAccountsForShopAsync(string shop, CancellationToken cancellationToken)
    {
        var shopPages = await ListForShopAsync(shop, cancellationToken);
        var accounts = new List<ShopAccount>();
        foreach (var page in shopPages)
        {
            accounts.Add(new ShopAccount(page.PageId, page.Name, MessagingChannel.Messenger, page.PageId));
            if (page.Instagram is { } ig) accounts.Add(new ShopAccount(ig.Id, ig.DisplayName, MessagingChannel.Instagram, page.PageId));
        }
        return accounts;
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
        // A page its merchant disconnected holds no token and sells for no one: another shop may take it.
        if (page is not null && page.Shop != shop && !page.IsReleased) return false;
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
    /// The pages that sell (or sold) for <paramref name="shop"/> and only those, newest connection first; the pre-configured
    /// page comes first when it sells for this shop, and hides a stored row of the same id (it answers in its place).
    /// </summary>
    public async Task<IReadOnlyList<ShopPage>> ListForShopAsync(string shop, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.ConnectedPages.AsNoTracking().Where(p => p.Shop == shop)
            .Select(p => new { p.PageId, p.Name, p.ConnectedAt, p.DisconnectedAt, Released = p.ProtectedAccessToken == "", p.InstagramAccountId, p.InstagramUsername })
            .ToListAsync(cancellationToken);
        var list = new List<ShopPage>();
        var preconfigured = app.PreconfiguredPage is { } pre && string.Equals(pre.Shop, shop, StringComparison.OrdinalIgnoreCase) ? pre : null;
        if (preconfigured is not null)
        {
            var row = rows.FirstOrDefault(r => r.PageId == preconfigured.PageId);
            var fallbackName = app.IsSandbox && preconfigured.PageId == FacebookApp.SandboxPageId ? FacebookApp.SandboxPageName : preconfigured.PageId;
            list.Add(new ShopPage(preconfigured.PageId, row?.Name is { Length: > 0 } name ? name : fallbackName, row?.ConnectedAt,
                _rejectedPreconfigured.ContainsKey(preconfigured.PageId) ? ShopPageState.TokenRejected : ShopPageState.Connected, Preconfigured: true)
            { Instagram = _preconfiguredInstagram });
        }
        list.AddRange(rows.Where(r => r.PageId != preconfigured?.PageId)
            .OrderByDescending(r => r.ConnectedAt)
            .Select(r => new ShopPage(r.PageId, r.Name, r.ConnectedAt,
                r.DisconnectedAt is null ? ShopPageState.Connected : r.Released ? ShopPageState.Disconnected : ShopPageState.TokenRejected,
                Preconfigured: false)
            { Instagram = r.InstagramAccountId is { } ig ? new InstagramAccount(ig, r.InstagramUsername) : null }));
        return list;
    }

    /// <summary>
    /// A connected, stored page of <paramref name="shop"/> with its token, for the merchant's own actions (disconnect, a test
    /// message); null for a page of another shop, an unknown one, or one without a usable token.
    /// </summary>
    public async Task<PageCredentials?> GetForShopAsync(string shop, string pageId, CancellationToken cancellationToken)
    {
        var page = await GetAsync(pageId, cancellationToken);
        return page is not null && string.Equals(page.Shop, shop, StringComparison.OrdinalIgnoreCase) ? page : null;
    }

    /// <summary>
    /// The merchant disconnected the page: the token is forgotten (a secret with no further use) and the page marked
    /// disconnected, so the bot stops answering on it. Only a stored page of <paramref name="shop"/>; false otherwise.
    /// </summary>
    public async Task<bool> ForgetAsync(string shop, string pageId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var changed = await db.ConnectedPages.Where(p => p.PageId == pageId && p.Shop == shop)
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.ProtectedAccessToken, "")
                .SetProperty(p => p.DisconnectedAt, time.GetUtcNow()), cancellationToken);
        return changed > 0;
    }

    /// <summary>
    /// For <c>shop/redact</c>: removes the shop's connected pages and their tokens, and returns every page that sold
    /// for the shop (the pre-configured one too, which lives in options and has no row), with their linked Instagram
    /// account ids, so their conversations (Messenger and Instagram) can go.
    /// </summary>
    public async Task<IReadOnlyList<string>> DeleteShopAsync(string shop, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.ConnectedPages.Where(p => p.Shop == shop).Select(p => new { p.PageId, p.InstagramAccountId }).ToListAsync(cancellationToken);
        var pageIds = rows.Select(r => r.PageId).Concat(rows.Select(r => r.InstagramAccountId).OfType<string>()).ToList();
        await db.ConnectedPages.Where(p => p.Shop == shop).ExecuteDeleteAsync(cancellationToken);
        if (app.PreconfiguredPage is { } preconfigured && string.Equals(preconfigured.Shop, shop, StringComparison.OrdinalIgnoreCase))
        {
            pageIds.Add(preconfigured.PageId);
            if (_preconfiguredInstagram is { } ig) pageIds.Add(ig.Id);
        }
        return pageIds.Distinct(StringComparer.Ordinal).ToList();
    }
}

/// <summary>A page as its merchant sees it in the console; never carries the token.</summary>
public sealed record ShopPage(string PageId, string Name, DateTimeOffset? ConnectedAt, ShopPageState State, bool Preconfigured)
{
    /// <summary>The Instagram professional account linked to the page, served with it; null when none is linked.</summary>
    public InstagramAccount? Instagram { get; init; }
}

/// <summary>An account a shop's conversations live under: a page (Messenger) or a page's Instagram account (<see cref="PageId"/> is that page).</summary>
public sealed record ShopAccount(string AccountId, string Name, MessagingChannel Channel, string PageId);

public enum ShopPageState
{
    Connected,
    /// <summary>Facebook rejected the page token (error 190): the merchant must connect the page again.</summary>
    TokenRejected,
    /// <summary>The merchant disconnected it: the app is unsubscribed and the token forgotten.</summary>
    Disconnected,
}

/// <summary>
/// What a turn needs to answer on a page. <see cref="Token"/> is a secret: never log it. On Instagram the page's token sends
/// to the shopper's IGSID (the same Send API), and <see cref="AccountId"/> is the Instagram account the conversation is under.
/// </summary>
public sealed record PageCredentials(string PageId, string Shop, string Token)
{
    public MessagingChannel Channel { get; init; } = MessagingChannel.Messenger;

    /// <summary>The id conversations on this channel are kept under: the page id, or its Instagram account's id.</summary>
    public string AccountId { get; init; } = PageId;

    public ChannelLimits Limits => ChannelLimits.For(Channel);

    public PageCredentials OnInstagram(string instagramAccountId) => this with { Channel = MessagingChannel.Instagram, AccountId = instagramAccountId };

    public override string ToString() => $"PageCredentials {{ PageId = {PageId}, Shop = {Shop}, Channel = {Channel} }}";
}
