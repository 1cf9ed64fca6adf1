using System.Security.Cryptography;
using System.Text;
using SalesBot.Shopify.Auth;

namespace SalesBot.Facebook;

/// <summary>
/// Facebook Login for pages: a single-use state bound to the browser, the code exchange, the
/// merchant's pages stored with encrypted tokens and subscribed to the webhook fields the bot needs.
/// </summary>
public sealed class PageConnectService(
    FacebookApp app,
    GraphClient graph,
    PageStore pages,
    OAuthStateStore states,
    ShopInstallState installs,
    ILogger<PageConnectService> logger)
{
    public const string Purpose = "facebook";
    public const string Scopes = "pages_messaging,pages_show_list,pages_manage_metadata";
    public static readonly TimeSpan StateLifetime = OAuthStateStore.Lifetime;

    /// <summary>
    /// The shop to link: the one named, else the only installed shop. Null when that is ambiguous,
    /// so pages are never linked to a shop by guesswork.
    /// </summary>
    public async Task<string?> ResolveShopAsync(string? requested, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(requested)) return ShopDomain.TryParse(requested, out var shop) ? shop : null;
        var installed = await installs.InstalledAsync(2, cancellationToken);
        return installed.Count == 1 ? installed[0] : null;
    }

    /// <summary>Creates the state and returns the dialog URL; the caller puts the state in a cookie.</summary>
    public async Task<(Uri Dialog, string State)> StartAsync(string shop, CancellationToken cancellationToken)
    {
        var state = await states.CreateAsync(Purpose, shop, cancellationToken);
        var query = $"client_id={Uri.EscapeDataString(app.AppId)}&redirect_uri={Uri.EscapeDataString(app.CallbackUrl)}" +
                    $"&state={state}&scope={Uri.EscapeDataString(Scopes)}&response_type=code";
        return (new Uri(app.DialogUrl + "?" + query), state);
    }

    public async Task<PageConnectReport> CompleteAsync(string? code, string? state, string? cookieState, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(code) || string.IsNullOrEmpty(state) || string.IsNullOrEmpty(cookieState)
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(state), Encoding.UTF8.GetBytes(cookieState)))
            return PageConnectReport.Failed("The login state does not match this browser. Start again at /facebook/login.");

        var saved = await states.ConsumeAsync(Purpose, state, cancellationToken);
        if (saved is null) return PageConnectReport.Failed("The login state is unknown or was already used.");
        if (saved.Expired) return PageConnectReport.Failed("The login took too long. Start again at /facebook/login.");
        if (saved.Shop is not { } shop) return PageConnectReport.Failed("No shop to link the pages to.");

        var userToken = await graph.ExchangeCodeAsync(code, cancellationToken);
        var connected = new List<ConnectedPageReport>();
        foreach (var page in await graph.ListPagesAsync(userToken, cancellationToken))
        {
            await pages.SaveAsync(page.Id, page.Name, shop, page.AccessToken, cancellationToken);
            try
            {
                await graph.SubscribeAsync(page.Id, page.AccessToken, cancellationToken);
                connected.Add(new ConnectedPageReport(page.Id, page.Name, shop, true, null));
            }
            catch (GraphException e)
            {
                logger.LogWarning("Page {PageId} connected but its webhook subscription failed: {Error}", page.Id, e.Message);
                connected.Add(new ConnectedPageReport(page.Id, page.Name, shop, false, e.Message));
            }
        }
        logger.LogInformation("Connected {Count} Facebook pages to {Shop}", connected.Count, shop);
        return new PageConnectReport(true, shop, connected, null);
    }
}

/// <summary>The JSON the callback answers with: which pages now sell for which shop.</summary>
public sealed record PageConnectReport(bool Ok, string? Shop, IReadOnlyList<ConnectedPageReport> Pages, string? Error)
{
    public static PageConnectReport Failed(string error) => new(false, null, [], error);
}

public sealed record ConnectedPageReport(string PageId, string Name, string Shop, bool Subscribed, string? Error);
