using Microsoft.Extensions.Options;
using SalesBot.Configuration;

namespace SalesBot.Shopify.Auth;

/// <summary>
/// The start of every Shopify authorization, install (offline) or merchant sign-in (online, <c>grant_options[]=per-user</c>):
/// a single-use state nonce stored for the shop and bound to this browser by a cookie, then Shopify's authorize URL.
/// </summary>
public sealed class AuthorizeRedirect(OAuthStateStore states, IOptions<ShopifyOptions> options, IOptions<AppOptions> app)
{
    /// <param name="purpose">The nonce's purpose; the callback consumes only a nonce of the same purpose.</param>
    /// <param name="cookie">The state cookie's name and path (the callback's path, so no other page sees it).</param>
    /// <param name="callbackPath">Where Shopify sends the browser back, under APP_BASE_URL.</param>
    /// <param name="perUser">Online access mode: the token is for the staff member who approves, and names them.</param>
    public async Task<string> StartAsync(HttpContext http, string shop, string purpose, (string Name, string Path) cookie, string callbackPath, bool perUser)
    {
        var state = await states.CreateAsync(purpose, shop, http.RequestAborted);
        http.Response.Cookies.Append(cookie.Name, state, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Lax, // the callback is a top-level GET from Shopify's domain
            Path = cookie.Path,
            MaxAge = OAuthStateStore.Lifetime,
        });

        var o = options.Value;
        var parameters = new List<KeyValuePair<string, string?>>
        {
            new("client_id", ShopifyCredentials.From(o).ApiKey),
            new("scope", o.Scopes),
            new("redirect_uri", $"{app.Value.BaseUrlTrimmed}{callbackPath}"),
            new("state", state),
        };
        if (perUser) parameters.Add(new("grant_options[]", "per-user"));
        // The emulated store in this process stands in for a merchant already logged in to their admin: approve at once.
        if (perUser && o.IsSandbox) parameters.Add(new("auto_approve", "1"));
        return $"{o.AdminOrigin(shop)}/admin/oauth/authorize{QueryString.Create(parameters)}";
    }
}
