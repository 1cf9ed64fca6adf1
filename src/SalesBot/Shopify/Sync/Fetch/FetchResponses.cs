using SalesBot.Catalog;

namespace SalesBot.Shopify.Sync.Fetch;

// The `data` of each Admin API document the catalog fetch sends (see Shopify/Admin/Documents).

public sealed record ShopData(ShopInfo Shop, ShopifyCount? ProductsCount, ShopifyCount? CollectionsCount);

public sealed record ProductsPageData(Connection<Product> Products);

public sealed record ProductVariantsPageData(VariantsHolder? Product);

public sealed record VariantsHolder(Connection<ProductVariant> Variants);

public sealed record ProductMediaPageData(MediaHolder? Product);

public sealed record MediaHolder(Connection<Media> Media);

public sealed record InventoryLevelsPageData(LevelsHolder? InventoryItem);

public sealed record LevelsHolder(Connection<InventoryLevel> InventoryLevels);

public sealed record InventoryItemProductData(InventoryItemOwner? InventoryItem);

public sealed record InventoryItemOwner(string Id, VariantOwner? Variant);

public sealed record VariantOwner(string Id, ProductReference Product);

public sealed record CollectionsPageData(Connection<Collection> Collections);

public sealed record CollectionProductsPageData(CollectionProductsHolder? Collection);

public sealed record CollectionProductsHolder(Connection<ProductReference> Products);

public sealed record DiscountsPageData(Connection<DiscountNode> CodeDiscountNodes);

public sealed record DiscountCodesPageData(DiscountCodesNode? CodeDiscountNode);

public sealed record DiscountCodesNode(DiscountCodesHolder CodeDiscount);

public sealed record DiscountCodesHolder(Connection<DiscountRedeemCode>? Codes);

public sealed record ProductNodesData(IReadOnlyList<Product?> Nodes);

public sealed record CollectionNodesData(IReadOnlyList<Collection?> Nodes);

public sealed record DiscountNodesData(IReadOnlyList<DiscountNode?> Nodes);
