namespace SalesBot.Sandbox.Shopify.Catalog;

/// <summary>A Shopify product CSV export, or else a seeded generator.</summary>
public sealed class CatalogSource
{
    public string? CsvPath { get; set; }
    public CatalogGeneratorSpec Generator { get; set; } = new();

    public static CatalogSource FromCsv(string path) => new() { CsvPath = path };
    public static CatalogSource Generated(CatalogGeneratorSpec spec) => new() { Generator = spec };
}
