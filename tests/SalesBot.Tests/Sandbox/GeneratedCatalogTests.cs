using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SalesBot.Sandbox.Shopify.Catalog;
using SalesBot.Sandbox.Shopify.Store;

namespace SalesBot.Tests.Sandbox;

/// <summary>
/// The generated demo store makes sense: each product's options, tags and price fit its type, titles read like
/// real ones, the same spec gives the same store, and its pictures are served by the sandbox itself.
/// </summary>
public sealed partial class GeneratedCatalogTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    /// <summary>What a shop would offer for each type, written down here rather than read from the generator.</summary>
    private sealed record Expected(string[] Options, decimal MinPrice, decimal MaxPrice, bool ForSomeone, string? SizePattern = null);

    private const string LetterSizes = "^(XS|S|M|L|XL|XXL)$";

    private static readonly Dictionary<string, Expected> ByType = new()
    {
        ["Shirts"] = new(["Size", "Color"], 15m, 90m, true, LetterSizes),
        ["Hoodies"] = new(["Size", "Color"], 30m, 120m, true, LetterSizes),
        ["Jackets"] = new(["Size", "Color"], 80m, 350m, true, LetterSizes),
        ["Sneakers"] = new(["Size", "Color", "Width"], 50m, 220m, true, @"^EU (3[5-9]|4[0-9])$"),
        ["Scarves"] = new(["Color"], 20m, 150m, true),
        ["Mugs"] = new(["Color"], 8m, 45m, false),
        ["Backpacks"] = new(["Color"], 40m, 200m, false),
        ["Candles"] = new(["Scent", "Size"], 10m, 60m, false, @"^\d+ oz$"),
        ["Lamps"] = new(["Finish"], 30m, 250m, false),
        ["Notebooks"] = new(["Ruling", "Format"], 4m, 35m, false),
        ["Bracelets"] = new(["Metal", "Length"], 15m, 200m, false),
        ["Planters"] = new(["Size", "Color"], 10m, 110m, false, "^(Small|Medium|Large)$"),
    };

    private static readonly string[] Audiences = ["men", "women", "unisex", "kids"];

    private static ShopifyStore Generate(CatalogGeneratorSpec spec)
    {
        var store = new ShopifyStore("demo-store.myshopify.com", TimeProvider.System);
        CatalogGenerator.Populate(store, spec);
        return store;
    }

    [Fact]
    public void Every_product_has_the_options_tags_and_price_of_its_type()
    {
        var store = Generate(new CatalogGeneratorSpec { Products = 600, VariantsPerProduct = 4, LargeProducts = 2, LargeProductVariants = 150 });

        Assert.Equal(ByType.Keys.Order(), store.Products.Values.Select(p => p.ProductType).Distinct().Order());
        Assert.All(store.Products.Values, product =>
        {
            var expected = ByType[product.ProductType];
            var names = product.Options.Select(o => o.Name).ToList();
            Assert.True(names.All(expected.Options.Contains), $"{product.Title} ({product.ProductType}) has options {string.Join(", ", names)}");
            Assert.Equal(names, expected.Options.Where(names.Contains));
            if (expected.SizePattern is { } pattern)
                Assert.All(product.Options.Single(o => o.Name == "Size").Values, size => Assert.Matches(pattern, size));
            else
                Assert.DoesNotContain("Size", names);
            // Apparel is for someone; a lamp is not tagged "men".
            Assert.Equal(expected.ForSomeone, product.Tags.Any(Audiences.Contains));
            Assert.All(product.Variants, v =>
            {
                Assert.InRange(v.Price, expected.MinPrice, expected.MaxPrice);
                Assert.Equal(v.SelectedOptions.Select(o => o.Key), names);
                Assert.Equal(string.Join(" / ", v.SelectedOptions.Select(o => o.Value)), v.Title);
                Assert.NotNull(v.Image);
            });
            Assert.Equal(product.Variants.Count, product.Variants.Select(v => v.Title).Distinct().Count());
        });
        Assert.DoesNotContain(store.Products.Values, p => p.ProductType is "Lamps" or "Mugs" && p.Options.Any(o => o.Values.Any(v => Regex.IsMatch(v, LetterSizes))));
    }

    [Fact]
    public void Titles_are_words_not_numbers_and_unique_even_in_a_large_store()
    {
        var store = Generate(new CatalogGeneratorSpec { Products = 10_000, VariantsPerProduct = 1, LargeProducts = 3, LargeProductVariants = 150 });

        var titles = store.Products.Values.Select(p => p.Title).ToList();
        Assert.All(titles, t => Assert.DoesNotMatch(@"\d", t));
        Assert.Equal(titles.Count, titles.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(titles.Count, store.Products.Values.Select(p => p.Handle).Distinct().Count());
        // The title names the thing: a sneaker's says sneaker, runner or high-top, never mug.
        Assert.All(store.Products.Values.Where(p => p.ProductType == "Mugs"), p => Assert.Matches("(Mug|Cup|Tumbler)$", p.Title));
    }

    [Fact]
    public void Same_spec_gives_the_same_store()
    {
        var spec = new CatalogGeneratorSpec { Products = 120, VariantsPerProduct = 3, LargeProducts = 1, Collections = 12, Discounts = 4, RestrictedDiscounts = true };

        Assert.Equal(Snapshot(Generate(spec)), Snapshot(Generate(spec)));
        Assert.NotEqual(Snapshot(Generate(spec)), Snapshot(Generate(spec with { Seed = 7 })));
    }

    private static string Snapshot(ShopifyStore store) => string.Join("\n",
        store.Products.Values.Select(p => $"{p.Id}|{p.Title}|{p.Handle}|{p.ProductType}|{p.Vendor}|{string.Join(',', p.Tags)}|{p.Status}|{p.PublishedOnOnlineStore}|{p.Description}|"
            + string.Join(';', p.Variants.Select(v => $"{v.Id}:{v.Title}:{v.Price}:{v.CompareAtPrice}:{v.InventoryQuantity}:{v.InventoryPolicy}:{v.Image?.Url}")))
        .Concat(store.Collections.Values.Select(c => $"{c.Id}|{c.Title}|{c.ImageUrl}|{string.Join(',', c.ProductIds)}"))
        .Concat(store.Discounts.Values.Select(d => $"{d.Id}|{d.Title}|{string.Join(',', d.Codes.Select(c => c.Code))}")));

    [Fact]
    public void Keeps_the_states_sold_out_archived_unpublished_large_products_and_collections_tests_rely_on()
    {
        var store = Generate(new CatalogGeneratorSpec { Products = 40, Collections = 5, RestrictedDiscounts = true });
        var products = store.Products.Values.ToList();

        Assert.All(new[] { 13, 26, 39 }, n => Assert.All(products[n - 1].Variants, v => Assert.Equal(0, v.InventoryQuantity)));
        Assert.Equal(["ARCHIVED", "ARCHIVED"], new[] { 19, 38 }.Select(n => products[n - 1].Status));
        Assert.False(products[23 - 1].PublishedOnOnlineStore);
        Assert.Equal("DRAFT", products[17 - 1].Status);
        Assert.Equal(120, products[0].Variants.Count);
        Assert.Equal(120, products[0].Variants.Select(v => v.Title).Distinct().Count());
        Assert.True(products[0].Options.Single(o => o.Name == "Color").Values.Count > 1);
        Assert.Equal(5, store.Collections.Count);
        Assert.All(store.Collections.Values, c => Assert.NotEmpty(c.ProductIds));
        Assert.All(store.Collections.Values, c => Assert.DoesNotMatch(@"\d", c.Title));
        Assert.Contains(store.Discounts.Values, d => d.Codes.Any(c => c.Code == "ONETIME25"));
        Assert.Contains(store.Discounts.Values, d => d.Codes.Any(c => c.Code == "SUMMER15"));
    }

    [Fact]
    public async Task Product_images_are_served_by_the_sandbox_itself()
    {
        var client = fixture.Client();
        var answer = await client.QueryAsync("""
            { products(first: 30) { nodes { title productType media(first: 10) { nodes { ... on MediaImage { image { url } } } } } } }
            """);
        var urls = answer["data"]!["products"]!["nodes"]!.AsArray()
            .SelectMany(p => p!["media"]!["nodes"]!.AsArray().Select(m => m!["image"]!["url"]!.GetValue<string>())).Distinct().ToList();

        Assert.True(urls.Count >= 30, $"only {urls.Count} images");
        foreach (var url in urls)
        {
            var uri = new Uri(url);
            Assert.Equal(fixture.Server.BaseUri.Authority, uri.Authority);
            using var response = await client.Http.GetAsync(uri);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
            Assert.StartsWith("<svg", (await response.Content.ReadAsStringAsync()).TrimStart());
        }
        using var unknown = await client.Http.GetAsync(new Uri(fixture.Server.BaseUri, "sandbox/images/teapot/ffffff.svg"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
        using var badColour = await client.Http.GetAsync(new Uri(fixture.Server.BaseUri, "sandbox/images/mug/zz%3Cscript.svg"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, badColour.StatusCode);
    }

    [Fact]
    public async Task A_bulk_export_carries_the_same_absolute_image_urls_as_a_live_query()
    {
        var client = fixture.Client("bulk-images.myshopify.com");
        const string Media = "media(first: 10) { edges { node { ... on MediaImage { id image { url } } } } }";
        var live = await client.QueryAsync("{ products(first: 30) { edges { node { " + Media + " } } } }");
        var liveUrls = live["data"]!["products"]!["edges"]!.AsArray()
            .SelectMany(p => p!["node"]!["media"]!["edges"]!.AsArray().Select(m => m!["node"]!["image"]!["url"]!.GetValue<string>())).Order().ToList();

        var run = await client.QueryAsync(AdminDocuments.Load("BulkOperationRun"), new { query = "{ products { edges { node { id " + Media + " } } } }" });
        var id = run["data"]!["bulkOperationRunQuery"]!["bulkOperation"]!["id"]!.GetValue<string>();
        JsonNode operation;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        do
        {
            operation = (await client.QueryAsync(AdminDocuments.Load("BulkOperationStatus"), new { id }))["data"]!["bulkOperation"]!;
            if (operation["status"]!.GetValue<string>() != "RUNNING") break;
            await Task.Delay(50);
        } while (DateTime.UtcNow < deadline);

        Assert.Equal("COMPLETED", operation["status"]!.GetValue<string>());
        var bulkUrls = (await client.Http.GetStringAsync(operation["url"]!.GetValue<string>())).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonNode.Parse(l)!).Where(l => l["image"] is not null).Select(l => l["image"]!["url"]!.GetValue<string>()).Order().ToList();
        Assert.Equal(liveUrls, bulkUrls);
        Assert.All(bulkUrls, u => Assert.StartsWith(fixture.Server.BaseUri.GetLeftPart(UriPartial.Authority) + "/sandbox/images/", u));
    }
}
