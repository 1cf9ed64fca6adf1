namespace SalesBot.Shopify.Auth;

/// <summary>
/// Remembers, in the merchant's browser, which shop was just installed: connecting a Facebook Page
/// from the same browser afterwards (<c>/facebook/login</c>) links the page to that shop without
/// asking for <c>?shop=</c>.
/// </summary>
public static class InstalledShopCookie
{
    public const string Name = "salesbot_shop";

    /// <summary>Long enough for a merchant to come back and connect the page another day.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    public static void Set(HttpContext http, string shop) =>
        http.Response.Cookies.Append(Name, shop, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            // Lax: the page connect starts with a top-level navigation in the same browser; no cross-site POST needs it.
            SameSite = SameSiteMode.Lax,
            // "/" and not "/shopify": the reader is /facebook/login.
            Path = "/",
            MaxAge = Lifetime,
        });

    public static string? Get(HttpContext http) => http.Request.Cookies[Name];
}
