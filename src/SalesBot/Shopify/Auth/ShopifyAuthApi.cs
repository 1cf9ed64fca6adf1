using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SalesBot.Configuration;

namespace SalesBot.Shopify.Auth;

/// <summary>Where the merchant's install starts: <c>/shopify/{shop}/login</c> → Shopify's authorize page (the callback is Install's).</summary>
public static class ShopifyAuthApi
{
    public const string StateCookie = "salesbot_shopify_state";

    public static RouteGroupBuilder MapShopifyAuth(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/shopify").WithTags("Shopify install");
        group.MapGet("/{shop}/login", LoginAsync);
        return group;
    }

    private static async Task<Results<RedirectHttpResult, BadRequest<ApiError>>> LoginAsync(
        string shop, HttpContext http, OAuthStateStore states, IOptions<ShopifyOptions> options, IOptions<AppOptions> app)
    {
        if (!ShopDomain.TryParse(shop, out var domain))
            return TypedResults.BadRequest(new ApiError(ShopDomain.ErrorMessage(shop)));

        var state = await states.CreateAsync(CallbackValidator.Purpose, domain, http.RequestAborted);
        http.Response.Cookies.Append(StateCookie, state, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Lax, // the callback is a top-level GET from Shopify's domain
            Path = "/shopify",
            MaxAge = OAuthStateStore.Lifetime,
        });

        var o = options.Value;
        var query = QueryString.Create(new KeyValuePair<string, string?>[]
        {
            new("client_id", ShopifyCredentials.From(o).ApiKey),
            new("scope", o.Scopes),
            new("redirect_uri", $"{app.Value.BaseUrlTrimmed}/shopify/callback"),
            new("state", state),
        });
        return TypedResults.Redirect($"{o.AdminOrigin(domain)}/admin/oauth/authorize{query}");
    }

}
