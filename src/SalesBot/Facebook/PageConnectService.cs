using System.Security.Cryptography;
using System.Text.Json.Serialization;
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
    MessengerProfileSync profiles,
    InstagramLink instagramLinks,
    ILogger<PageConnectService> logger)
{
    public const string Purpose = "facebook";
    /// <summary>
    /// Messenger: pages_messaging, pages_show_list, pages_manage_metadata. Instagram messaging through the page
    /// ("Webhooks for Instagram Messaging"): instagram_basic, instagram_manage_messages (with pages_manage_metadata).
    /// </summary>
    public const string Scopes = "pages_messaging,pages_show_list,pages_manage_metadata,instagram_basic,instagram_manage_messages";
    public static readonly TimeSpan StateLifetime = OAuthStateStore.Lifetime;

    /// <summary>Creates the state and returns the dialog URL; the caller puts the state in a cookie.</summary>
    public async Task<(Uri Dialog, string State)> StartAsync(string shop, CancellationToken cancellationToken)
    {
        var state = await states.CreateAsync(Purpose, shop, cancellationToken);
        var query = $"client_id={Uri.EscapeDataString(app.AppId)}&redirect_uri={Uri.EscapeDataString(app.CallbackUrl)}" +
                    $"&state={state}&scope={Uri.EscapeDataString(Scopes)}&response_type=code";
        return (new Uri(app.DialogUrl + "?" + query), state);
    }

    /// <param name="signedInShop">The shop of the merchant signed in now; the connect finishes only for the shop it started for.</param>
    public async Task<PageConnectReport> CompleteAsync(string? code, string? state, string? cookieState, string? signedInShop, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(code) || string.IsNullOrEmpty(state) || string.IsNullOrEmpty(cookieState)
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(state), Encoding.UTF8.GetBytes(cookieState)))
            return PageConnectReport.Failed(PageConnectFailure.State, "The login state does not match this browser. Start again at /facebook/login.");

        var saved = await states.ConsumeAsync(Purpose, state, cancellationToken);
        if (saved is null) return PageConnectReport.Failed(PageConnectFailure.State, "The login state is unknown or was already used.");
        if (saved.Expired) return PageConnectReport.Failed(PageConnectFailure.Expired, "The login took too long. Start again at /facebook/login.");
        if (saved.Shop is not { } shop) return PageConnectReport.Failed(PageConnectFailure.State, "No shop to link the pages to.");
        if (!string.Equals(signedInShop, shop, StringComparison.Ordinal))
            return PageConnectReport.Failed(PageConnectFailure.OtherSession, $"The page connect was started for another merchant's session. Sign in to {shop} and start again at /facebook/login.");

        IReadOnlyList<GraphPage> granted;
        try
        {
            var userToken = await graph.ExchangeCodeAsync(code, cancellationToken);
            granted = await graph.ListPagesAsync(userToken, cancellationToken);
        }
        catch (Exception e) when (e is GraphException or HttpRequestException)
        {
            logger.LogWarning("Facebook refused the page connect of {Shop}: {Error}", shop, e.Message);
            return PageConnectReport.Failed(PageConnectFailure.Facebook, "Facebook refused the login: " + e.Message);
        }
        var connected = new List<ConnectedPageReport>();
        foreach (var page in granted)
        {
            // A page sells for one shop: taking it from another shop would silently cut that shop's shoppers off.
            if (!await pages.TrySaveAsync(page.Id, page.Name, shop, page.AccessToken, cancellationToken))
            {
                logger.LogWarning("Page {PageId} was not connected to {Shop}: it is already connected to another shop", page.Id, shop);
                connected.Add(new ConnectedPageReport(page.Id, page.Name, shop, false, false,
                    "This page is already connected to another shop; it stays there until that shop disconnects it."));
                continue;
            }
            try
            {
                await graph.SubscribeAsync(page.Id, page.AccessToken, cancellationToken);
                // Get Started, greeting, ice breakers and menu; a refusal is reported and the page stays connected.
                var profileError = await profiles.SetAsync(new PageCredentials(page.Id, shop, page.AccessToken), cancellationToken);
                var instagram = await instagramLinks.LinkAsync(page.Id, page.AccessToken, cancellationToken);
                connected.Add(new ConnectedPageReport(page.Id, page.Name, shop, true, true, null)
                    { ProfileError = profileError, Instagram = instagram?.DisplayName });
            }
            catch (GraphException e)
            {
                logger.LogWarning("Page {PageId} connected but its webhook subscription failed: {Error}", page.Id, e.Message);
                connected.Add(new ConnectedPageReport(page.Id, page.Name, shop, true, false, e.Message));
            }
        }
        logger.LogInformation("Connected {Count} Facebook pages to {Shop}", connected.Count(p => p.Connected), shop);
        return new PageConnectReport(true, shop, connected, null);
    }
}

/// <summary>The JSON the callback answers with: which pages now sell for which shop.</summary>
public sealed record PageConnectReport(bool Ok, string? Shop, IReadOnlyList<ConnectedPageReport> Pages, string? Error)
{
    /// <summary>Why it failed, for the console's notice (the JSON has <see cref="Error"/>).</summary>
    [JsonIgnore]
    public PageConnectFailure? Failure { get; init; }

    public static PageConnectReport Failed(PageConnectFailure failure, string error) => new(false, null, [], error) { Failure = failure };
}

public enum PageConnectFailure { State, Expired, OtherSession, Facebook }

/// <summary>One page of the merchant's: <see cref="Connected"/> is false when it already sells for another shop and was left there.</summary>
public sealed record ConnectedPageReport(string PageId, string Name, string Shop, bool Connected, bool Subscribed, string? Error)
{
    /// <summary>Why the Messenger profile (Get Started, greeting, ice breakers, menu) could not be set; null when it was.</summary>
    public string? ProfileError { get; init; }

    public bool ProfileSet => Connected && Subscribed && ProfileError is null;

    /// <summary>The linked Instagram professional account now served too (<c>@username</c>); null when the page has none.</summary>
    public string? Instagram { get; init; }
}
