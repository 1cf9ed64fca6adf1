using System.Text.Json.Nodes;
using SalesBot.Sandbox.Shopify.Store;
using SalesBot.Sandbox.Shopify.Webhooks;

namespace SalesBot.Sandbox.Shopify.Admin;

/// <summary>
/// Applies merchant-side changes to a store under its gate and announces each one with the
/// matching webhook (unless <c>suppress</c>: a webhook lost on purpose). Returns the REST-style
/// body of the changed resource, or null when it does not exist.
/// </summary>
internal sealed class CatalogChanges(ShopifySandbox sandbox)
{
    public Task<JsonObject?> CreateProductAsync(string shop, ProductChange change, bool suppress) => WithGateAsync(shop, store =>
    {
        var product = store.AddProduct(change.Title ?? "Untitled product");
        Apply(product, change);
        var variants = change.Variants is { Count: > 0 } v ? v : [new VariantChange(Price: 10m)];
        foreach (var variant in variants)
        {
            var stock = store.Locations.Take(1).Select(l => (l, variant.Inventory ?? 0));
            var title = variant.Title ?? (variants.Count == 1 ? "Default Title" : $"Option {product.Variants.Count + 1}");
            var options = title == "Default Title" ? [] : new List<KeyValuePair<string, string>> { new("Title", title) };
            store.AddVariant(product, title, variant.Price ?? 0m, options, stock, variant.Sku, variant.CompareAtPrice);
        }
        store.RefreshOptions(product);
        return Publish(store, "products/create", WebhookPayloads.Product(product), suppress);
    });

    public Task<JsonObject?> UpdateProductAsync(string shop, long id, ProductChange change, bool suppress) => WithGateAsync(shop, store =>
    {
        if (!store.Products.TryGetValue(id, out var product)) return null;
        Apply(product, change);
        product.UpdatedAt = store.Now;
        return Publish(store, "products/update", WebhookPayloads.Product(product), suppress);
    });

    public Task<JsonObject?> UpdateVariantAsync(string shop, long id, VariantChange change, bool suppress) => WithGateAsync(shop, store =>
    {
        if (!store.Variants.TryGetValue(id, out var variant)) return null;
        if (change.Price is { } price) variant.Price = price;
        if (change.CompareAtPrice is { } compareAt) variant.CompareAtPrice = compareAt;
        if (change.Sku is { } sku) variant.Sku = sku;
        if (change.Title is { } title) variant.Title = title;
        variant.Product.UpdatedAt = store.Now;
        return Publish(store, "products/update", WebhookPayloads.Product(variant.Product), suppress);
    });

    public Task<JsonObject?> DeleteProductAsync(string shop, long id, bool suppress) => WithGateAsync(shop, store =>
    {
        if (!store.Products.TryGetValue(id, out var product)) return null;
        store.RemoveProduct(product);
        return Publish(store, "products/delete", WebhookPayloads.Deleted("Product", id), suppress);
    });

    public Task<JsonObject?> SetInventoryAsync(string shop, InventoryChange change, bool suppress) => WithGateAsync(shop, store =>
    {
        var item = change.InventoryItemId is { } itemId ? store.InventoryItems.GetValueOrDefault(itemId)
            : change.VariantId is { } variantId ? store.Variants.GetValueOrDefault(variantId)?.InventoryItem : null;
        var location = store.Locations.FirstOrDefault(l => l.Id == change.LocationId);
        if (item is null || location is null) return null;
        var level = item.Levels.FirstOrDefault(l => l.Location == location);
        if (level is null)
        {
            level = new StoreInventoryLevel { Item = item, Location = location };
            item.Levels.Add(level);
            item.Levels.Sort((a, b) => a.Location.Id.CompareTo(b.Location.Id));
        }
        level.Available = change.Available;
        level.UpdatedAt = store.Now;
        return Publish(store, "inventory_levels/update", WebhookPayloads.InventoryLevel(level), suppress);
    });

    public Task<JsonObject?> CreateCollectionAsync(string shop, CollectionChange change, bool suppress) => WithGateAsync(shop, store =>
    {
        var collection = store.AddCollection(change.Title ?? "Untitled collection", []);
        Apply(store, collection, change);
        return Publish(store, "collections/create", WebhookPayloads.Collection(collection), suppress);
    });

    public Task<JsonObject?> UpdateCollectionAsync(string shop, long id, CollectionChange change, bool suppress) => WithGateAsync(shop, store =>
    {
        if (!store.Collections.TryGetValue(id, out var collection)) return null;
        Apply(store, collection, change);
        collection.UpdatedAt = store.Now;
        return Publish(store, "collections/update", WebhookPayloads.Collection(collection), suppress);
    });

    public Task<JsonObject?> DeleteCollectionAsync(string shop, long id, bool suppress) => WithGateAsync(shop, store =>
        store.Collections.Remove(id) ? Publish(store, "collections/delete", WebhookPayloads.Deleted("Collection", id), suppress) : null);

    public Task<JsonObject?> CreateDiscountAsync(string shop, DiscountChange change, bool suppress) => WithGateAsync(shop, store =>
    {
        var kind = change.Kind switch { "bxgy" => DiscountKind.Bxgy, "free_shipping" => DiscountKind.FreeShipping, _ => DiscountKind.Basic };
        var discount = store.AddDiscount(kind, change.Title ?? "Discount", change.Codes ?? [$"CODE{store.NewId()}"]);
        Apply(store, discount, change with { Codes = null });
        return Publish(store, "discounts/create", WebhookPayloads.Discount(discount, store.Now), suppress);
    });

    public Task<JsonObject?> UpdateDiscountAsync(string shop, long id, DiscountChange change, bool suppress) => WithGateAsync(shop, store =>
    {
        if (!store.Discounts.TryGetValue(id, out var discount)) return null;
        Apply(store, discount, change);
        discount.UpdatedAt = store.Now;
        return Publish(store, "discounts/update", WebhookPayloads.Discount(discount, store.Now), suppress);
    });

    public Task<JsonObject?> DeleteDiscountAsync(string shop, long id, bool suppress) => WithGateAsync(shop, store =>
        store.Discounts.Remove(id) ? Publish(store, "discounts/delete", WebhookPayloads.Deleted("DiscountCodeNode", id), suppress) : null);

    /// <summary>Revokes every token and, as Shopify does, sends app/uninstalled before dropping the subscriptions.</summary>
    public Task<JsonObject?> UninstallAppAsync(string shop, bool suppress) => WithGateAsync(shop, store =>
    {
        store.Tokens.RevokeAll();
        var body = Publish(store, "app/uninstalled", WebhookPayloads.AppUninstalled(store), suppress);
        store.Webhooks.Clear();
        return body;
    });

    /// <summary>
    /// A compliance request (<c>shop/redact</c>, <c>customers/redact</c>, <c>customers/data_request</c>) delivered to
    /// <see cref="ShopifySandboxOptions.ComplianceWebhookUri"/>; null when no address is configured or the topic is unknown.
    /// </summary>
    public Task<JsonObject?> SendComplianceAsync(string shop, string topic, long? customerId) => WithGateAsync(shop, store =>
    {
        if (sandbox.Options.ComplianceWebhookUri is not { } uri) return null;
        var customer = customerId ?? store.NewId();
        JsonObject? payload = topic switch
        {
            "shop/redact" => WebhookPayloads.ShopRedact(store),
            "customers/redact" => WebhookPayloads.CustomersRedact(store, customer),
            "customers/data_request" => WebhookPayloads.CustomersDataRequest(store, customer),
            _ => null,
        };
        if (payload is not null) sandbox.Webhooks.PublishTo(store, topic, uri.ToString(), payload);
        return payload;
    });

    private static void Apply(StoreProduct product, ProductChange change)
    {
        if (change.Title is { } title) product.Title = title;
        if (change.Description is { } description) product.Description = description;
        if (change.Vendor is { } vendor) product.Vendor = vendor;
        if (change.ProductType is { } type) product.ProductType = type;
        if (change.Tags is { } tags) product.Tags = tags;
        if (change.Status is { } status) product.Status = status.ToUpperInvariant();
        if (change.Published is { } published) product.PublishedOnOnlineStore = published;
    }

    private static void Apply(ShopifyStore store, StoreCollection collection, CollectionChange change)
    {
        if (change.Title is { } title) collection.Title = title;
        if (change.Description is { } description) collection.Description = description;
        if (change.ProductIds is { } ids) collection.ProductIds = [.. ids.Where(store.Products.ContainsKey)];
        foreach (var id in change.AddProductIds ?? []) if (store.Products.ContainsKey(id)) collection.ProductIds.Add(id);
        foreach (var id in change.RemoveProductIds ?? []) collection.ProductIds.Remove(id);
    }

    private static void Apply(ShopifyStore store, StoreDiscount discount, DiscountChange change)
    {
        if (change.Title is { } title) discount.Title = title;
        if (change.Codes is { } codes)
        {
            discount.Codes.Clear();
            discount.Codes.AddRange(codes.Select(c => new StoreDiscountCode(store.NewId(), c)));
        }
        if (change.EndsAt is { } endsAt) discount.EndsAt = endsAt;
        if (change.UsageLimit is { } limit) discount.UsageLimit = limit;
        if (change.Audience is { } audience)
        {
            discount.Audience = audience switch { "customers" => DiscountAudience.Customers, "segments" => DiscountAudience.Segments, _ => DiscountAudience.AllBuyers };
            discount.AudienceIds.Clear();
            if (discount.Audience != DiscountAudience.AllBuyers) discount.AudienceIds.Add(store.NewId());
        }
        if (change.MinimumSubtotal is { } minimum) discount.Minimum = new DiscountMinimum.Subtotal(minimum);
        DiscountValue? value = change.Amount is { } amount ? new DiscountValue.Amount(amount, false)
            : change.Percentage is { } percentage ? new DiscountValue.Percentage(percentage) : null;
        if (discount.Kind == DiscountKind.Bxgy)
        {
            if (change.BuyQuantity is { } buy) discount.CustomerBuys = new DiscountBuys.Quantity(buy);
            discount.CustomerBuys ??= new DiscountBuys.Quantity(1);
            var current = discount.CustomerGets as DiscountValue.OnQuantity;
            discount.CustomerGets = new DiscountValue.OnQuantity(
                change.GetQuantity ?? current?.Quantity ?? 1, value ?? current?.Effect ?? new DiscountValue.Percentage(1.0));
        }
        else if (value is not null) discount.CustomerGets = value;
    }

    private JsonObject Publish(ShopifyStore store, string topic, JsonObject payload, bool suppress)
    {
        sandbox.Webhooks.Publish(store, topic, payload, suppress);
        return payload;
    }

    private async Task<JsonObject?> WithGateAsync(string shop, Func<ShopifyStore, JsonObject?> change)
    {
        var store = sandbox.GetStore(shop);
        await store.Gate.WaitAsync();
        try
        {
            return change(store);
        }
        finally
        {
            store.Gate.Release();
        }
    }
}
