using System.Globalization;
using System.Text.Json.Nodes;
using SalesBot.Sandbox.Shopify.Store;

namespace SalesBot.Sandbox.Shopify.Webhooks;

/// <summary>REST-style webhook bodies, shaped like Shopify's (numeric <c>id</c> plus <c>admin_graphql_api_id</c>).</summary>
public static class WebhookPayloads
{
    public static JsonObject Product(StoreProduct p) => new()
    {
        ["id"] = p.Id,
        ["admin_graphql_api_id"] = p.Gid,
        ["title"] = p.Title,
        ["body_html"] = p.Description,
        ["vendor"] = p.Vendor,
        ["product_type"] = p.ProductType,
        ["handle"] = p.Handle,
        ["status"] = p.Status.ToLowerInvariant(),
        ["tags"] = string.Join(", ", p.Tags),
        ["created_at"] = Time(p.CreatedAt),
        ["updated_at"] = Time(p.UpdatedAt),
        ["variants"] = new JsonArray([.. p.Variants.Select(v => (JsonNode)new JsonObject
        {
            ["id"] = v.Id,
            ["admin_graphql_api_id"] = v.Gid,
            ["product_id"] = p.Id,
            ["title"] = v.Title,
            ["price"] = Money(v.Price),
            ["compare_at_price"] = v.CompareAtPrice is { } c ? Money(c) : null,
            ["sku"] = v.Sku,
            ["position"] = v.Position,
            ["inventory_item_id"] = v.InventoryItem.Id,
            ["inventory_quantity"] = v.InventoryQuantity,
            ["inventory_policy"] = v.InventoryPolicy.ToLowerInvariant(),
        })]),
    };

    public static JsonObject Deleted(string type, long id) => new() { ["id"] = id, ["admin_graphql_api_id"] = Gid.For(type, id) };

    public static JsonObject InventoryLevel(StoreInventoryLevel level) => new()
    {
        ["inventory_item_id"] = level.Item.Id,
        ["location_id"] = level.Location.Id,
        ["available"] = level.Available,
        ["updated_at"] = Time(level.UpdatedAt),
        ["admin_graphql_api_id"] = level.Gid,
    };

    public static JsonObject Collection(StoreCollection c) => new()
    {
        ["id"] = c.Id,
        ["admin_graphql_api_id"] = c.Gid,
        ["handle"] = c.Handle,
        ["title"] = c.Title,
        ["body_html"] = c.Description,
        ["updated_at"] = Time(c.UpdatedAt),
        ["published_scope"] = "web",
    };

    public static JsonObject Discount(StoreDiscount d, DateTimeOffset now) => new()
    {
        ["id"] = d.Id,
        ["admin_graphql_api_id"] = d.Gid,
        ["title"] = d.Title,
        ["status"] = d.StatusAt(now),
        ["created_at"] = Time(d.CreatedAt),
        ["updated_at"] = Time(d.UpdatedAt),
    };

    public static JsonObject AppUninstalled(ShopifyStore store) => new()
    {
        ["id"] = 1,
        ["name"] = store.Name,
        ["domain"] = store.Domain,
        ["myshopify_domain"] = store.Domain,
        ["currency"] = store.CurrencyCode,
        ["updated_at"] = Time(store.Now),
    };

    public static JsonObject BulkOperationFinished(StoreBulkOperation op) => new()
    {
        ["admin_graphql_api_id"] = op.Gid,
        ["completed_at"] = op.CompletedAt is { } at ? Time(at) : null,
        ["created_at"] = Time(op.CreatedAt),
        ["error_code"] = op.ErrorCode?.ToLowerInvariant(),
        ["status"] = op.Status.ToLowerInvariant(),
        ["type"] = "query",
    };

    private static string Time(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
