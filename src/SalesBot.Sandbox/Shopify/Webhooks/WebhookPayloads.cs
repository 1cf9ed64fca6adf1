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
        ["published_at"] = p.IsOnOnlineStore ? Time(p.CreatedAt) : null,
        ["published_scope"] = "web",
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

    /// <summary>The shop object, as app/uninstalled carries it: <c>domain</c> is the primary domain, <c>myshopify_domain</c> the shop's own.</summary>
    public static JsonObject AppUninstalled(ShopifyStore store) => new()
    {
        ["id"] = ShopId,
        ["name"] = store.Name,
        ["email"] = $"owner@{store.Domain}",
        ["domain"] = store.Domain,
        ["myshopify_domain"] = store.Domain,
        ["currency"] = store.CurrencyCode,
        ["plan_name"] = "basic",
        ["updated_at"] = Time(store.Now),
    };

    // The compliance topics name the shop by shop_id and shop_domain (shopify.dev, "Privacy law compliance").

    public static JsonObject ShopRedact(ShopifyStore store) => new() { ["shop_id"] = ShopId, ["shop_domain"] = store.Domain };

    public static JsonObject CustomersRedact(ShopifyStore store, long customerId) => new()
    {
        ["shop_id"] = ShopId,
        ["shop_domain"] = store.Domain,
        ["customer"] = Customer(store, customerId),
        ["orders_to_redact"] = new JsonArray(),
    };

    public static JsonObject CustomersDataRequest(ShopifyStore store, long customerId) => new()
    {
        ["shop_id"] = ShopId,
        ["shop_domain"] = store.Domain,
        ["orders_requested"] = new JsonArray(),
        ["customer"] = Customer(store, customerId),
        ["data_request"] = new JsonObject { ["id"] = store.NewId() },
    };

    private static JsonObject Customer(ShopifyStore store, long id) => new()
    {
        ["id"] = id, ["email"] = $"customer{id}@example.com", ["phone"] = null,
    };

    /// <summary>The shop's numeric id; GraphQL answers <c>gid://shopify/Shop/1</c> for every emulated shop.</summary>
    private const long ShopId = 1;

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
