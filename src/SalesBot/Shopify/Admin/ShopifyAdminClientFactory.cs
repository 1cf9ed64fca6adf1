using Microsoft.Extensions.Options;
using SalesBot.Configuration;

namespace SalesBot.Shopify.Admin;

/// <summary>Makes an Admin GraphQL client for a shop and its token (the shop must be validated already).</summary>
public sealed class ShopifyAdminClientFactory(
    IHttpClientFactory httpClients,
    IOptions<ShopifyOptions> options,
    ShopThrottleRegistry throttles,
    TimeProvider time,
    ILoggerFactory loggers)
{
    public const string HttpClientName = "shopify-admin";

    public ShopifyAdminClient Create(string shop, string accessToken)
    {
        var o = options.Value;
        var endpoint = new Uri($"{o.AdminOrigin(shop)}/admin/api/{o.ApiVersion}/graphql.json");
        return new ShopifyAdminClient(httpClients.CreateClient(HttpClientName), endpoint, shop, accessToken,
            throttles.For(shop), time, loggers.CreateLogger<ShopifyAdminClient>());
    }
}
