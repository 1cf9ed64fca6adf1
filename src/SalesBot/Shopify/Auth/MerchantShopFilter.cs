namespace SalesBot.Shopify.Auth;

/// <summary>
/// Scopes an endpoint with a <c>{shop}</c> route value to the signed-in merchant's shop: another shop gets 403 JSON.
/// Put it behind <see cref="MerchantSession.Policy"/>, which answers a missing session (401 JSON or the sign-in page).
/// </summary>
public static class MerchantShopFilter
{
    public static TBuilder RequireMerchantOfRouteShop<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.RequireAuthorization(MerchantSession.Policy);
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var requested = http.GetRouteValue("shop")?.ToString() ?? "";
            if (!ShopDomain.TryParse(requested, out var shop))
                return TypedResults.BadRequest(new ApiError(ShopDomain.ErrorMessage(requested)));
            if (MerchantSession.From(http.User) is not { } session)
                return TypedResults.Json(new ApiError("Sign in first: /console/login?shop=<your shop>."), statusCode: StatusCodes.Status401Unauthorized);
            if (!string.Equals(session.Shop, shop, StringComparison.Ordinal))
                return TypedResults.Json(new ApiError($"You are signed in for {session.Shop}, not for {shop}."), statusCode: StatusCodes.Status403Forbidden);
            return await next(context);
        });
        return builder;
    }
}
