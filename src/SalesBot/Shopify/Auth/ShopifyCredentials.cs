using SalesBot.Configuration;

namespace SalesBot.Shopify.Auth;

/// <summary>The app's key and secret: the configured ones, or the sandbox store's in sandbox mode.</summary>
public sealed record ShopifyCredentials(string ApiKey, string ApiSecret)
{
    public static ShopifyCredentials From(ShopifyOptions o) => o.IsSandbox
        ? new(ShopifyOptions.SandboxApiKey, ShopifyOptions.SandboxApiSecret)
        : new(o.ApiKey!, o.ApiSecret!);
}
