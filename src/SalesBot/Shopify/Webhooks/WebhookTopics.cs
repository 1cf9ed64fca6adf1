namespace SalesBot.Shopify.Webhooks;

/// <summary>The topics the app subscribes to, as Shopify names them in headers and in GraphQL.</summary>
public static class WebhookTopics
{
    public const string ProductsCreate = "products/create";
    public const string ProductsUpdate = "products/update";
    public const string ProductsDelete = "products/delete";
    public const string InventoryLevelsUpdate = "inventory_levels/update";
    public const string CollectionsCreate = "collections/create";
    public const string CollectionsUpdate = "collections/update";
    public const string CollectionsDelete = "collections/delete";
    public const string DiscountsCreate = "discounts/create";
    public const string DiscountsUpdate = "discounts/update";
    public const string DiscountsDelete = "discounts/delete";
    public const string AppUninstalled = "app/uninstalled";
    public const string ShopUpdate = "shop/update";
    public const string BulkOperationsFinish = "bulk_operations/finish";

    // Compliance topics: declared in the app's configuration, not registered by API, but handled here.
    public const string CustomersDataRequest = "customers/data_request";
    public const string CustomersRedact = "customers/redact";
    public const string ShopRedact = "shop/redact";

    /// <summary>What registration subscribes to.</summary>
    public static IReadOnlyList<string> Subscribed { get; } =
    [
        ProductsCreate, ProductsUpdate, ProductsDelete, InventoryLevelsUpdate,
        CollectionsCreate, CollectionsUpdate, CollectionsDelete,
        DiscountsCreate, DiscountsUpdate, DiscountsDelete,
        AppUninstalled, ShopUpdate, BulkOperationsFinish,
    ];

    /// <summary>Topics that uninstall or erase, whose payload names the shop (checked against the header before acting).</summary>
    public static bool NamesItsShop(string topic) => topic is AppUninstalled or ShopRedact or CustomersRedact or CustomersDataRequest;

    /// <summary><c>products/create</c> → <c>PRODUCTS_CREATE</c>, the GraphQL enum value.</summary>
    public static string ToGraphQl(string topic) => topic.Replace('/', '_').ToUpperInvariant();

    public static string FromGraphQl(string value)
    {
        var lower = value.ToLowerInvariant();
        var split = lower.LastIndexOf('_');
        return split < 0 ? lower : $"{lower[..split]}/{lower[(split + 1)..]}";
    }
}
