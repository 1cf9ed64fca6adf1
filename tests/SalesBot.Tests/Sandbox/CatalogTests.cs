using SalesBot.Tests.Support;
using System.Diagnostics;
using SalesBot.Sandbox.Shopify;
using SalesBot.Sandbox.Shopify.Catalog;
using SalesBot.Sandbox.Shopify.Store;

namespace SalesBot.Tests.Sandbox;

/// <summary>Catalog sources: Shopify's CSV export format and the seeded generator.</summary>
public sealed class CatalogTests
{
    [SalesBot.Tests.Assistant.SampleCatalogFact]
    public void Csv_export_becomes_products_with_variants_images_collections_locations_and_every_discount_shape()
    {
        var store = new ShopifyStore("csv.myshopify.com", TimeProvider.System);
        CsvCatalogLoader.Populate(store, Path.Combine(RepoPaths.SampleProducts, "jewelery.csv"));

        var bracelet = store.Products.Values.Single(p => p.Handle == "chain-bracelet");
        Assert.Equal("7 Shakra Bracelet", bracelet.Title);
        Assert.Equal(["Blue", "Black"], bracelet.Variants.Select(v => v.Title));
        Assert.Equal("Color", bracelet.Options.Single().Name);
        Assert.Equal(42.99m, bracelet.Variants[0].Price);
        Assert.Equal(44.99m, bracelet.Variants[0].CompareAtPrice);
        Assert.True(bracelet.Media.Count >= 2);
        Assert.DoesNotContain('<', string.Concat(store.Products.Values.Select(p => p.Description)));
        Assert.Equal(2, store.Locations.Count);
        Assert.Contains(store.Collections.Values, c => c.Title == "Bracelet" && c.ProductIds.Contains(bracelet.Id));
        Assert.Equal([DiscountKind.Basic, DiscountKind.Basic, DiscountKind.Bxgy, DiscountKind.FreeShipping], store.Discounts.Values.Take(4).Select(d => d.Kind));
        Assert.Contains(store.Discounts.Values, d => d.Minimum is DiscountMinimum.Subtotal && d.CustomerGets is DiscountValue.Amount);
        // And the codes a bot must never share: single use, for listed customers, for a segment; and an expired one.
        Assert.Contains(store.Discounts.Values, d => d.UsageLimit == 1 && d.Audience == DiscountAudience.AllBuyers);
        Assert.Contains(store.Discounts.Values, d => d.Audience == DiscountAudience.Customers && d.AudienceIds.Count > 0);
        Assert.Contains(store.Discounts.Values, d => d.Audience == DiscountAudience.Segments);
        Assert.Contains(store.Discounts.Values, d => d.StatusAt(store.Now) == "EXPIRED");
    }

    [SalesBot.Tests.Assistant.SampleCatalogFact]
    public void Every_sample_csv_loads()
    {
        foreach (var file in Directory.GetFiles(RepoPaths.SampleProducts, "*.csv"))
        {
            var store = new ShopifyStore("csv.myshopify.com", TimeProvider.System);
            CsvCatalogLoader.Populate(store, file);
            Assert.NotEmpty(store.Products);
            Assert.All(store.Products.Values, p => Assert.NotEmpty(p.Variants));
        }
    }

    [Fact]
    public void Generator_is_deterministic_and_builds_ten_thousand_products_quickly()
    {
        var spec = new CatalogGeneratorSpec { Products = 10_000, VariantsPerProduct = 5, LargeProducts = 3, LargeProductVariants = 150, Collections = 20, Discounts = 10, LargeDiscounts = 2, Locations = 3 };
        var watch = Stopwatch.StartNew();
        var store = new ShopifyStore("big.myshopify.com", TimeProvider.System);
        CatalogGenerator.Populate(store, spec);
        watch.Stop();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.Equal(10_000, store.Products.Count);
        Assert.Equal(3, store.Products.Values.Count(p => p.Variants.Count >= 100));
        Assert.Equal(2, store.Discounts.Values.Count(d => d.Codes.Count >= 100));
        Assert.All(store.Collections.Values, c => Assert.NotEmpty(c.ProductIds));

        var again = new ShopifyStore("big.myshopify.com", TimeProvider.System);
        CatalogGenerator.Populate(again, spec);
        Assert.Equal(store.Products.Values.Select(p => (p.Id, p.Title)), again.Products.Values.Select(p => (p.Id, p.Title)));
    }

    [SalesBot.Tests.Assistant.SampleCatalogFact]
    public async Task Each_shop_gets_its_own_store_and_per_shop_sources_apply()
    {
        await using var server = await ShopifySandboxServer.StartAsync(SandboxFixture.Options(o =>
            o.ShopCatalogs["csv-shop.myshopify.com"] = CatalogSource.FromCsv(Path.Combine(RepoPaths.SampleProducts, "apparel.csv"))));

        var generated = server.Sandbox.GetStore("a.myshopify.com");
        var csv = server.Sandbox.GetStore("CSV-shop.myshopify.com");

        Assert.NotSame(generated, server.Sandbox.GetStore("b.myshopify.com"));
        Assert.Contains(csv.Products.Values, p => p.Handle == "ocean-blue-shirt");
        Assert.DoesNotContain(generated.Products.Values, p => p.Handle == "ocean-blue-shirt");
    }
}
