using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SalesBot.Sandbox.Shopify.Admin;

/// <summary>
/// Merchant-side changes for tests and demos, under <c>/sandbox/{shop}/admin/sandbox</c> (JSON bodies,
/// camelCase; ids are numeric; add <c>?webhook=false</c> to lose the webhook on purpose). Each answers
/// 200 with the REST-style body the webhook carries, or 404:
/// <list type="bullet">
/// <item><c>POST products</c> <see cref="ProductChange"/> → products/create</item>
/// <item><c>PATCH products/{id}</c> <see cref="ProductChange"/> (title, description, tags, status…) → products/update</item>
/// <item><c>DELETE products/{id}</c> → products/delete</item>
/// <item><c>PATCH variants/{id}</c> <see cref="VariantChange"/> (price, compareAtPrice, sku) → products/update</item>
/// <item><c>POST inventory</c> <see cref="InventoryChange"/> → inventory_levels/update</item>
/// <item><c>POST collections</c>, <c>PATCH collections/{id}</c> <see cref="CollectionChange"/>, <c>DELETE collections/{id}</c> → collections/*</item>
/// <item><c>POST discounts</c>, <c>PATCH discounts/{id}</c> <see cref="DiscountChange"/>, <c>DELETE discounts/{id}</c> → discounts/*</item>
/// <item><c>POST app/uninstall</c> → app/uninstalled; tokens are revoked (a call with one answers 401) and subscriptions are gone</item>
/// <item><c>POST compliance/shop/redact</c>, <c>compliance/customers/redact</c>, <c>compliance/customers/data_request</c>
/// (<c>?customerId=</c>) → that compliance topic, to the configured compliance address</item>
/// </list>
/// They need no token: the sandbox only ever listens where the merchant is (loopback or the app's own process).
/// </summary>
internal static class SandboxAdminApi
{
    public static void MapSandboxAdmin(this RouteGroupBuilder shop)
    {
        var admin = shop.MapGroup("/admin/sandbox").DisableAntiforgery();
        admin.MapPost("/products", (string shop, ProductChange body, HttpRequest r, CatalogChanges c) => Answer(c.CreateProductAsync(shop, body, Lost(r))));
        admin.MapPatch("/products/{id:long}", (string shop, long id, ProductChange body, HttpRequest r, CatalogChanges c) => Answer(c.UpdateProductAsync(shop, id, body, Lost(r))));
        admin.MapDelete("/products/{id:long}", (string shop, long id, HttpRequest r, CatalogChanges c) => Answer(c.DeleteProductAsync(shop, id, Lost(r))));
        admin.MapPatch("/variants/{id:long}", (string shop, long id, VariantChange body, HttpRequest r, CatalogChanges c) => Answer(c.UpdateVariantAsync(shop, id, body, Lost(r))));
        admin.MapPost("/inventory", (string shop, InventoryChange body, HttpRequest r, CatalogChanges c) => Answer(c.SetInventoryAsync(shop, body, Lost(r))));
        admin.MapPost("/collections", (string shop, CollectionChange body, HttpRequest r, CatalogChanges c) => Answer(c.CreateCollectionAsync(shop, body, Lost(r))));
        admin.MapPatch("/collections/{id:long}", (string shop, long id, CollectionChange body, HttpRequest r, CatalogChanges c) => Answer(c.UpdateCollectionAsync(shop, id, body, Lost(r))));
        admin.MapDelete("/collections/{id:long}", (string shop, long id, HttpRequest r, CatalogChanges c) => Answer(c.DeleteCollectionAsync(shop, id, Lost(r))));
        admin.MapPost("/discounts", (string shop, DiscountChange body, HttpRequest r, CatalogChanges c) => Answer(c.CreateDiscountAsync(shop, body, Lost(r))));
        admin.MapPatch("/discounts/{id:long}", (string shop, long id, DiscountChange body, HttpRequest r, CatalogChanges c) => Answer(c.UpdateDiscountAsync(shop, id, body, Lost(r))));
        admin.MapDelete("/discounts/{id:long}", (string shop, long id, HttpRequest r, CatalogChanges c) => Answer(c.DeleteDiscountAsync(shop, id, Lost(r))));
        admin.MapPost("/app/uninstall", (string shop, HttpRequest r, CatalogChanges c) => Answer(c.UninstallAppAsync(shop, Lost(r))));
        admin.MapPost("/compliance/{resource}/{action}", (string shop, string resource, string action, long? customerId, CatalogChanges c) =>
            Answer(c.SendComplianceAsync(shop, $"{resource}/{action}", customerId)));
    }

    private static bool Lost(HttpRequest request) => request.Query["webhook"] == "false";

    private static async Task<IResult> Answer(Task<JsonObject?> change) =>
        await change is { } body
            ? Results.Text(body.ToJsonString(), "application/json; charset=utf-8")
            : Results.Json(new { errors = "Not Found" }, statusCode: StatusCodes.Status404NotFound);
}
