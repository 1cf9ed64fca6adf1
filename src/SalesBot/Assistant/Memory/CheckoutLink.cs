using System.Globalization;

namespace SalesBot.Assistant.Memory;

/// <summary>
/// The checkout link, built from the cart and the catalog only. Shopify's cart permalink
/// <c>https://{store}/cart/{variant id}:{quantity},{variant id}:{quantity}?discount=CODE</c> fills a new cart with exactly
/// those lines and opens checkout (https://shopify.dev/docs/apps/build/checkout/create-cart-permalinks). Shopify now calls
/// it legacy next to the UCP <c>/buy</c> permalinks (changelog 2026-10-28), but <c>/buy</c> lives at an endpoint each
/// store lists in its <c>/.well-known/ucp</c> profile, while <c>/cart/</c> works on every Online Store and "keeps
/// working"; see the README.
/// </summary>
public static class CheckoutLink
{
    public static string Build(CatalogIndex catalog, IEnumerable<(string VariantId, int Quantity)> lines, string? discountCode)
    {
        var items = string.Join(",", lines.Select(l => ProductCardFactory.NumericId(l.VariantId) + ":" + l.Quantity.ToString(CultureInfo.InvariantCulture)));
        var url = $"https://{catalog.StoreHost}/cart/{items}";
        return discountCode is null ? url : url + "?discount=" + Uri.EscapeDataString(discountCode);
    }
}

/// <summary>
/// What checking out a conversation's cart gives, worked out once for both modes: the lines that can still be bought
/// (with their variants as the catalog has them now), the link for exactly those, the total, the code on the link (only
/// one the shopper asked for and the merchant lets the bot share right now) and how many lines sold out since.
/// </summary>
public sealed record CartCheckout(
    IReadOnlyList<(CartLine Line, Catalog.ProductVariant Variant)> Buyable,
    string? Url,
    decimal Total,
    string? AppliedCode,
    string? RefusedCode,
    int SoldOutLines)
{
    public int ItemCount => Buyable.Sum(b => b.Line.Quantity);

    public static CartCheckout For(AssistantRequest request, ConversationMemory memory)
    {
        var catalog = request.Catalog;
        var lines = memory.Cart.Select(l => (Line: l, Variant: CartLines.Variant(catalog, l))).ToList();
        var buyable = lines.Where(x => x.Variant is { AvailableForSale: true }).Select(x => (x.Line, x.Variant!)).ToList();
        var applied = CartLines.AllowedCode(request, memory.RequestedCode);
        var url = buyable.Count == 0 ? null : CheckoutLink.Build(catalog, buyable.Select(x => (x.Item2.Id, x.Line.Quantity)), applied);
        return new CartCheckout(buyable, url, buyable.Sum(x => x.Item2.Price * x.Line.Quantity), applied,
            memory.RequestedCode is not null && applied is null ? memory.RequestedCode : null, lines.Count - buyable.Count);
    }
}

/// <summary>Cart lines read against the catalog, shared by the catalog-only rules and the model's tools.</summary>
public static class CartLines
{
    public static Catalog.ProductVariant? Variant(CatalogIndex catalog, CartLine line) =>
        catalog.FindById(line.ProductId)?.Product.Variants.Nodes.FirstOrDefault(v => v.Id == line.VariantId);

    public static string Name(CatalogIndex catalog, CartLine line) =>
        catalog.FindById(line.ProductId) is { } p && Variant(catalog, line) is { } v ? SaleTurn.VariantName(p.Product, v) : "an item no longer in the catalog";

    /// <summary>The cart's value at today's prices, sold-out lines left out (they would not go on the link).</summary>
    public static decimal Total(CatalogIndex catalog, ConversationMemory memory) =>
        memory.Cart.Sum(l => (Variant(catalog, l) is { AvailableForSale: true } v ? v.Price : 0) * l.Quantity);

    /// <summary>The code as the merchant lets the bot share it right now, or null.</summary>
    public static string? AllowedCode(AssistantRequest request, string? code) => code is null
        ? null
        : request.ShareableDiscounts().FirstOrDefault(d => string.Equals(d.Code, code, StringComparison.OrdinalIgnoreCase))?.Code;
}
