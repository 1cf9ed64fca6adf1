using System.Text.Json;
using SalesBot.Shopify.Admin;
using SalesBot.Shopify.Auth;
using SalesBot.Shopify.Catalog;

namespace SalesBot.Shopify.Install;

/// <summary>
/// Everything after the token exchange: keep the token, mirror the catalog, publish it, and report.
/// Tests drive it without HTTP.
/// </summary>
public sealed class ShopInstaller(
    ShopTokenStore tokens,
    ShopifyAdminClientFactory clients,
    CatalogFetcher fetcher,
    ILogger<ShopInstaller> logger)
{
    public async Task<InstallReport> InstallAsync(string shop, AccessTokenResponse token, CancellationToken cancellationToken)
    {
        await tokens.SaveAsync(shop, token.AccessToken, token.Scope ?? "", cancellationToken);
        logger.LogInformation("Installed {Shop} with scopes {Scope}", shop, token.Scope);

        var client = clients.Create(shop, token.AccessToken);
        var data = await fetcher.FetchAllAsync(client, null, cancellationToken);
        var json = JsonSerializer.SerializeToUtf8Bytes(data, CatalogJson.Default.ShopifyData);

        return new InstallReport(shop, token.Scope ?? "", TokenMask.Mask(token.AccessToken), json, null, null, null);
    }
}
