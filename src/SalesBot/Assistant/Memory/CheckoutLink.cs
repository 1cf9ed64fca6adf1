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
