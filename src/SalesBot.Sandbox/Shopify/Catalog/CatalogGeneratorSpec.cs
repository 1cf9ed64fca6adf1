namespace SalesBot.Sandbox.Shopify.Catalog;

/// <summary>Shape of a generated catalog. Same spec and seed give the same catalog (ids included).</summary>
public sealed record CatalogGeneratorSpec
{
    public int Products { get; init; } = 40;
    public int VariantsPerProduct { get; init; } = 3;
    /// <summary>How many of the products get <see cref="LargeProductVariants"/> variants instead.</summary>
    public int LargeProducts { get; init; } = 1;
    public int LargeProductVariants { get; init; } = 120;
    public int Collections { get; init; } = 5;
    public int Discounts { get; init; } = 4;
    public int CodesPerDiscount { get; init; } = 3;
    /// <summary>How many of the discounts get <see cref="LargeDiscountCodes"/> codes.</summary>
    public int LargeDiscounts { get; init; } = 1;
    public int LargeDiscountCodes { get; init; } = 150;
    public int Locations { get; init; } = 2;
    /// <summary>Also the codes a bot must never share (<see cref="SampleDiscounts.AddRestricted"/>): the demo store has them.</summary>
    public bool RestrictedDiscounts { get; init; }
    public int Seed { get; init; } = 42;
}
