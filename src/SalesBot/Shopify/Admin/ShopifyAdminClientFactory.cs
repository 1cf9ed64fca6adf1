using Microsoft.Extensions.Options;
using SalesBot.Configuration;

namespace SalesBot.Shopify.Admin;

/// <summary>
/// Makes an Admin GraphQL client for a shop (the shop must be validated already). Its token comes from the
/// app's <see cref="IAccessTokenSource"/>, which refreshes expiring tokens; or pass a fixed token.
/// </summary>
public sealed class ShopifyAdminClientFactory(
    IHttpClientFactory httpClients,
    IOptions<ShopifyOptions> options,
    ShopThrottleRegistry throttles,
    IAccessTokenSource tokens,
    TimeProvider time,
    ILoggerFactory loggers)
{
    public const string HttpClientName = "shopify-admin";

    /// <summary>A client whose token is the shop's stored one, renewed as it expires or when Shopify refuses it.</summary>
    public ShopifyAdminClient Create(string shop) => Create(shop, tokens);

    /// <summary>A client that always sends <paramref name="accessToken"/>.</summary>
    public ShopifyAdminClient Create(string shop, string accessToken) => Create(shop, new FixedAccessToken(accessToken));

    private ShopifyAdminClient Create(string shop, IAccessTokenSource source)
    {
        var o = options.Value;
        var endpoint = new Uri($"{o.AdminOrigin(shop)}/admin/api/{o.ApiVersion}/graphql.json");
        return new ShopifyAdminClient(httpClients.CreateClient(HttpClientName), endpoint, shop, source,
            throttles.For(shop), time, loggers.CreateLogger<ShopifyAdminClient>());
    }
}
