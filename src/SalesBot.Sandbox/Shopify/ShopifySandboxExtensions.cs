using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SalesBot.Sandbox.Shopify.Admin;
using SalesBot.Sandbox.Shopify.Catalog;
using SalesBot.Sandbox.Shopify.GraphQL;
using SalesBot.Sandbox.Shopify.OAuth;

namespace SalesBot.Sandbox.Shopify;

/// <summary>Mounts the emulated Shopify into any ASP.NET Core app (the main app in sandbox mode, or <see cref="ShopifySandboxServer"/>).</summary>
public static class ShopifySandboxExtensions
{
    public static IServiceCollection AddShopifySandbox(this IServiceCollection services, Action<ShopifySandboxOptions>? configure = null)
    {
        var options = new ShopifySandboxOptions();
        configure?.Invoke(options);
        return services.AddShopifySandbox(options);
    }

    internal static IServiceCollection AddShopifySandbox(this IServiceCollection services, ShopifySandboxOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<ShopifySandbox>();
        services.AddSingleton<CatalogChanges>();
        return services;
    }

    /// <summary>Product pictures under <c>/sandbox/images</c>; routes under <c>/sandbox/{shop}</c>, where <c>{shop}</c> is a full domain such as <c>demo-store.myshopify.com</c>.</summary>
    public static IEndpointRouteBuilder MapShopifySandbox(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapProductImages();
        // Only a shop domain gets a store, and only so many: Shopify answers 404 for a shop that does not exist.
        var shop = endpoints.MapGroup("/sandbox/{shop}").AddEndpointFilter(async (context, next) =>
            context.HttpContext.GetRouteValue("shop") is string name
            && context.HttpContext.RequestServices.GetRequiredService<ShopifySandbox>().FindOrCreateStore(name) is not null
                ? await next(context)
                : Results.Json(new { errors = "Not Found" }, statusCode: StatusCodes.Status404NotFound));
        shop.MapShopifyOAuth();
        shop.MapAdminGraphQl();
        shop.MapSandboxAdmin();
        return endpoints;
    }
}
