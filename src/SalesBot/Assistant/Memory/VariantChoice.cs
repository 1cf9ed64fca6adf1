using SalesBot.Catalog;

namespace SalesBot.Assistant.Memory;

/// <summary>
/// Narrows a product's variants by the options chosen so far, in the merchant's option order (Size, then Color):
/// the one variant when the choice is complete, or the next option to ask with the values still possible.
/// </summary>
public sealed record VariantChoice(Product Product, IReadOnlyList<ProductVariant> Matching, ProductOption? NextOption)
{
    public ProductVariant? Variant => Matching.Count == 1 && NextOption is null ? Matching[0] : null;

    public static VariantChoice For(Product product, IReadOnlyDictionary<string, string> chosen)
    {
        var matching = product.Variants.Nodes
            .Where(v => chosen.All(c => v.SelectedOptions.Any(o => Same(o.Name, c.Key) && Same(o.Value, c.Value))))
            .OrderBy(v => v.Position).ToList();
        if (matching.Count <= 1) return new(product, matching, null);
        // The first option (by position) on which the remaining variants still differ.
        var next = product.Options.OrderBy(o => o.Position)
            .FirstOrDefault(o => !chosen.ContainsKey(o.Name) && matching.Select(v => ValueOf(v, o.Name)).Distinct(StringComparer.OrdinalIgnoreCase).Count() > 1);
        return new(product, matching, next);
    }

    /// <summary>The values of <see cref="NextOption"/> among the matching variants, in the merchant's order, and whether any of them can be bought.</summary>
    public IReadOnlyList<(string Value, bool Available)> NextValues()
    {
        if (NextOption is null) return [];
        return NextOption.Values
            .Select(value => (value, Matching.Where(v => Same(ValueOf(v, NextOption.Name), value)).ToList()))
            .Where(x => x.Item2.Count > 0)
            .Select(x => (x.value, x.Item2.Any(v => v.AvailableForSale)))
            .ToList();
    }

    /// <summary>Whether a product has a real choice to make (Shopify gives a product without options one "Default Title" variant).</summary>
    public static bool HasChoices(Product product) => product.Variants.Nodes.Count > 1;

    public static string? ValueOf(ProductVariant variant, string option) =>
        variant.SelectedOptions.FirstOrDefault(o => Same(o.Name, option))?.Value;

    public static bool Same(string? a, string? b) => string.Equals(a?.Trim(), b?.Trim(), StringComparison.OrdinalIgnoreCase);
}
