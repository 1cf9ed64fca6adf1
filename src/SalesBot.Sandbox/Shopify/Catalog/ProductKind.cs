namespace SalesBot.Sandbox.Shopify.Catalog;

/// <summary>
/// One kind of thing the demo store sells (a shirt, a candle): its product type, the options a shopper picks from,
/// the words its titles are made of and its price band, so a generated product never mixes kinds (no lamp in XL).
/// </summary>
/// <param name="Slug">Names the kind in image URLs (<c>/sandbox/images/{slug}/…</c>).</param>
/// <param name="Axes">Option axes; a product's variants walk them first axis fastest.</param>
/// <param name="Materials">Title and tag words (linen, ceramic); with <paramref name="Models"/> and the line names they keep titles unique.</param>
/// <param name="Audiences">Who apparel is for (men, women, unisex, kids); empty for kinds that have no audience.</param>
/// <param name="Tints">Colours for the picture when no option carries one (a notebook's cover).</param>
/// <param name="Description">Template with <c>{material}</c> and <c>{model}</c>.</param>
public sealed record ProductKind(
    string Slug, string ProductType, IReadOnlyList<OptionAxis> Axes, IReadOnlyList<string> Materials, IReadOnlyList<KindModel> Models,
    IReadOnlyList<string> Audiences, decimal MinPrice, decimal MaxPrice, IReadOnlyList<string> Vendors, IReadOnlyList<string> Tints,
    string Description)
{
    /// <summary>How many variants the axes allow at most.</summary>
    public int Combinations => Axes.Aggregate(1, (n, a) => n * a.Values.Count);

    /// <summary>The axes a product with <paramref name="variants"/> variants uses: optional ones only once the others are not enough.</summary>
    public IReadOnlyList<OptionAxis> AxesFor(int variants)
    {
        var used = new List<OptionAxis>();
        var combinations = 1;
        foreach (var axis in Axes)
        {
            if (axis.OnlyWhenNeeded && combinations >= variants) continue;
            used.Add(axis);
            combinations *= axis.Values.Count;
        }
        return used;
    }
}

/// <summary>What a product of a kind is called (a camp shirt, a henley) and the style tag it carries.</summary>
public sealed record KindModel(string Name, string Style);

/// <summary>An option such as Size or Scent with its values in the order a store lists them.</summary>
/// <param name="OnlyWhenNeeded">Left off unless the other axes run out of combinations (a sneaker's width, for the huge test products).</param>
public sealed record OptionAxis(string Name, IReadOnlyList<OptionValue> Values, bool OnlyWhenNeeded = false)
{
    /// <summary>An axis whose values carry no colour or surcharge.</summary>
    public static OptionAxis Plain(string name, params string[] values) => new(name, [.. values.Select(v => new OptionValue(v))]);
}

/// <param name="Hex">The colour this value shows in the picture (colours, finishes, metals, scents); null when it has none.</param>
/// <param name="Surcharge">Added to the product's base price (a bigger candle costs more).</param>
public sealed record OptionValue(string Name, string? Hex = null, decimal Surcharge = 0m);
