using Microsoft.AspNetCore.Http.HttpResults;

namespace SalesBot.Shopify.Auth;

/// <summary>Where the merchant's install starts: <c>/shopify/{shop}/login</c> → Shopify's authorize page (the callback is Install's).</summary>
public static class ShopifyAuthApi
{
    public const string StateCookie = "salesbot_shopify_state";

    public static RouteGroupBuilder MapShopifyAuth(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/shopify").WithTags("Shopify install");
        group.MapGet("/{shop}/login", LoginAsync).RequireRateLimiting(RateLimits.SignIn);
        return group;
    }

    private static async Task<Results<RedirectHttpResult, BadRequest<ApiError>>> LoginAsync(string shop, HttpContext http, AuthorizeRedirect authorize)
    {
        if (!ShopDomain.TryParse(shop, out var domain))
            return TypedResults.BadRequest(new ApiError(ShopDomain.ErrorMessage(shop)));
        var url = await authorize.StartAsync(http, domain, CallbackValidator.Purpose, (StateCookie, "/shopify"), "/shopify/callback", perUser: false);
        return TypedResults.Redirect(url);
    }
}
