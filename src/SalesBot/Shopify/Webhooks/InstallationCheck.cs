using SalesBot.Shopify.Admin;
using SalesBot.Shopify.Auth;

namespace SalesBot.Shopify.Webhooks;

public enum Installation
{
    /// <summary>No token is held for the shop.</summary>
    NoToken,
    /// <summary>Shopify refused the token (401/403): the app is uninstalled.</summary>
    Revoked,
    /// <summary>An authenticated query answered: the shop still has the app.</summary>
    Installed,
}

/// <summary>
/// Asks Shopify, not the webhook, whether the app is still installed: the cheapest authenticated query
/// (<c>Ping</c>, <c>{ shop { id name } }</c>) with the stored token. Any other failure (network, 5xx after
/// retries) throws, so the delivery stays unprocessed rather than acting on a guess.
/// </summary>
public sealed class InstallationCheck(ShopTokenStore tokens, ShopifyAdminClientFactory clients)
{
    public async Task<Installation> CheckAsync(string shop, CancellationToken cancellationToken)
    {
        var token = await tokens.GetAccessTokenAsync(shop, cancellationToken);
        if (token is null) return Installation.NoToken;
        try
        {
            await clients.Create(shop, token).QueryAsync("Ping", null, WebhookJson.Default.PingData, cancellationToken);
            return Installation.Installed;
        }
        catch (ShopifyApiException e) when (e.IsUnauthorized)
        {
            return Installation.Revoked;
        }
    }
}
