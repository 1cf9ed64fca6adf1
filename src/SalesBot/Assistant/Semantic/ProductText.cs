namespace SalesBot.Assistant.Semantic;

/// <summary>
/// What a product is embedded from: the words that say what it is (title, type, tags, collections, option values) and the
/// start of its description. Short, so it fits the encoder's 64 word pieces with the naming first.
/// </summary>
public static class ProductText
{
    public const int DescriptionChars = 160;

    public static string Of(IndexedProduct item)
    {
        var p = item.Product;
        var parts = new List<string> { p.Title };
        if (!string.IsNullOrWhiteSpace(p.ProductType)) parts.Add(p.ProductType);
        if (p.Tags.Count > 0) parts.Add(string.Join(", ", p.Tags));
        if (item.CollectionTitles.Count > 0) parts.Add(string.Join(", ", item.CollectionTitles));
        var values = p.Options.SelectMany(o => o.Values).Where(v => v != "Default Title").Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (values.Count > 0) parts.Add(string.Join(", ", values));
        var description = Tokenizer.StripHtml(p.Description);
        if (description.Length > DescriptionChars) description = description[..DescriptionChars];
        if (description.Length > 0) parts.Add(description);
        return string.Join(". ", parts);
    }
}
