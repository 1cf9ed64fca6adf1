using GraphQL;
using GraphQL.Utilities;
using SalesBot.Sandbox.Shopify.Catalog;
using SalesBot.Sandbox.Shopify.Store;

namespace SalesBot.Sandbox.Shopify.GraphQL;

/// <summary>Resolvers for the catalog types: products, variants, media, inventory, collections.</summary>
internal static class CatalogResolvers
{
    public static void Map(SchemaBuilder b)
    {
        new ResolverMap<StoreProduct>(b, "Product")
            .Field("id", p => p.Gid).Field("title", p => p.Title).Field("handle", p => p.Handle)
            .Field("description", p => p.Description)
            .Field("vendor", p => p.Vendor).Field("productType", p => p.ProductType).Field("tags", p => p.Tags)
            .Field("status", p => p.Status)
            .Field("onlineStoreUrl", (p, c) => p.IsOnOnlineStore ? $"https://{AdminRequestContext.Of(c).Store.Domain}/products/{p.Handle}" : null)
            .Field("createdAt", p => Scalars.DateTime(p.CreatedAt)).Field("updatedAt", p => Scalars.DateTime(p.UpdatedAt))
            .Field("totalInventory", p => p.TotalInventory).Field("options", p => p.Options)
            .Field("priceRangeV2", p => p)
            .Field("media", (p, c) => Connection.Page(p.Media, m => m.Id, c))
            .Field("variants", (p, c) => Connection.Page(p.Variants, v => v.Id, c));

        new ResolverMap<StoreProduct>(b, "ProductPriceRangeV2")
            .Field("minVariantPrice", (p, c) => Money(p.Variants.Count == 0 ? 0 : p.Variants.Min(v => v.Price), c))
            .Field("maxVariantPrice", (p, c) => Money(p.Variants.Count == 0 ? 0 : p.Variants.Max(v => v.Price), c));

        new ResolverMap<StoreProductOption>(b, "ProductOption")
            .Field("id", o => Gid.For("ProductOption", o.Id)).Field("name", o => o.Name)
            .Field("position", o => o.Position).Field("values", o => o.Values);

        new ResolverMap<MoneyView>(b, "MoneyV2")
            .Field("amount", m => Scalars.Decimal(m.Amount)).Field("currencyCode", m => m.CurrencyCode);

        new ResolverMap<StoreMedia>(b, "MediaImage")
            .Field("id", m => m.Gid).Field("alt", m => m.Alt).Field("mediaContentType", _ => "IMAGE")
            .Field("image", m => new ImageView(m.Url, m.Alt));
        new ResolverMap<ImageView>(b, "Image").Field("url", (i, c) => ProductImages.Absolute(i.Url, AdminRequestContext.Of(c).BaseUri)).Field("altText", i => i.AltText);

        new ResolverMap<StoreVariant>(b, "ProductVariant")
            .Field("id", v => v.Gid).Field("title", v => v.Title).Field("sku", v => v.Sku)
            .Field("price", v => Scalars.Money(v.Price))
            .Field("compareAtPrice", v => v.CompareAtPrice is { } p ? Scalars.Money(p) : null)
            .Field("availableForSale", v => v.AvailableForSale).Field("inventoryQuantity", v => v.InventoryQuantity)
            .Field("inventoryPolicy", v => v.InventoryPolicy).Field("position", v => v.Position)
            .Field("selectedOptions", v => v.SelectedOptions)
            .Field("media", (v, c) => Connection.Page(v.Image is null ? [] : new[] { v.Image }, m => m.Id, c))
            .Field("inventoryItem", v => v.InventoryItem).Field("product", v => v.Product);

        new ResolverMap<KeyValuePair<string, string>>(b, "SelectedOption").Field("name", o => o.Key).Field("value", o => o.Value);

        new ResolverMap<StoreInventoryItem>(b, "InventoryItem")
            .Field("id", i => i.Gid).Field("tracked", i => i.Tracked).Field("variant", i => i.Variant)
            .Field("inventoryLevels", (i, c) => Connection.Page(i.Levels, l => l.Location.Id, c));

        new ResolverMap<StoreInventoryLevel>(b, "InventoryLevel")
            .Field("id", l => l.Gid).Field("location", l => l.Location)
            .Field("quantities", (l, c) => c.GetArgument<List<string>>("names")
                .Select(n => new QuantityView(n, n is "available" or "on_hand" ? l.Available : 0)).ToList());
        new ResolverMap<QuantityView>(b, "InventoryQuantity").Field("name", q => q.Name).Field("quantity", q => q.Quantity);
        new ResolverMap<StoreLocation>(b, "Location").Field("id", l => l.Gid).Field("name", l => l.Name);

        new ResolverMap<StoreCollection>(b, "Collection")
            .Field("id", c => c.Gid).Field("title", c => c.Title).Field("handle", c => c.Handle)
            .Field("description", c => c.Description)
            .Field("updatedAt", c => Scalars.DateTime(c.UpdatedAt))
            .Field("image", c => c.ImageUrl is null ? null : new ImageView(c.ImageUrl, c.Title))
            .Field("products", (c, ctx) =>
            {
                var products = AdminRequestContext.Of(ctx).Store.Products;
                return Connection.Page(c.ProductIds.Select(id => products[id]), p => p.Id, ctx);
            });
    }

    public static MoneyView Money(decimal amount, IResolveFieldContext context) =>
        new(amount, AdminRequestContext.Of(context).Store.CurrencyCode);
}
