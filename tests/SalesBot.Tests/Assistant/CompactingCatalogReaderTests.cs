using System.Text;
using System.Text.Json;
using SalesBot.Assistant;
using SalesBot.Catalog;

namespace SalesBot.Tests.Assistant;

/// <summary>
/// The assistant reads snapshots compacting each product as it is read (<see cref="CompactingCatalogReader"/>): the index
/// built from it must be the one a full decode gives, product for product and search for search, and bad bytes must still
/// be a <see cref="JsonException"/> (which keeps the previous catalog), not a crash.
/// </summary>
public sealed class CompactingCatalogReaderTests
{
    private static readonly string[] Queries = ["blue shirt", "candle", "gift for her under $40", "leather", "cheapest mug", "hoodie in stock"];

    [SampleCatalogFact]
    public void The_sample_catalogs_index_as_a_full_decode_does() => AssertSameIndex(SampleCatalog.Load());

    [Fact]
    public async Task The_demo_store_indexes_as_a_full_decode_does() => AssertSameIndex(await DemoCatalog.LoadAsync());

    [Fact]
    public void A_generated_catalog_with_drafts_and_sold_out_products_indexes_as_a_full_decode_does() =>
        AssertSameIndex(SyntheticCatalog.Create(2_000));

    [Fact]
    public void Products_are_compacted_while_they_are_read()
    {
        var bytes = CatalogBytes.Encode(SyntheticCatalog.Create(50));

        var full = CatalogBytes.Decode(bytes)!.Data.Products.Nodes;
        var read = CompactingCatalogReader.Decode(bytes)!.Data.Products.Nodes;

        // A full decode gives every product its own copy of the shared vendor; the reader shares one, as the compactor does.
        Assert.False(ReferenceEquals(full[0].Vendor, full[1].Vendor));
        Assert.True(ReferenceEquals(read[0].Vendor, read[1].Vendor));
        Assert.All(read, p => Assert.Null(p.PriceRangeV2));
        Assert.Equal(full.Select(p => p.CreatedAt), read.Select(p => p.CreatedAt));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"data":{"shop":{},"products":{"nodes":5}}}""")]
    [InlineData("""{"data":{"shop":{},"products":[]}}""")]
    [InlineData("""{"data":{"products":{"nodes":[null]}}}""")]
    public void Bytes_that_are_not_a_catalog_are_a_json_error(string json)
    {
        Assert.Throws<JsonException>(() => CompactingCatalogReader.Decode(Encoding.UTF8.GetBytes(json)));
    }

    private static void AssertSameIndex(ShopifyData data)
    {
        var bytes = CatalogBytes.Encode(data);
        var expected = new CatalogIndex(CatalogBytes.Decode(bytes)!, "h");
        var actual = new CatalogIndex(CompactingCatalogReader.Decode(bytes)!, "h");

        Assert.NotEmpty(expected.Products);
        Assert.Equal(Describe(expected.Products), Describe(actual.Products));
        Assert.Equal(Describe(expected.Withheld!.Products), Describe(actual.Withheld!.Products));
        Assert.Equal(expected.Codes, actual.Codes);
        foreach (var query in Queries)
        {
            var message = ShopperMessage.Parse(query, null);
            Assert.Equal(CatalogSearch.Find(expected, message.Query, 10).Matches.Select(m => m.Item.Product.Id),
                CatalogSearch.Find(actual, message.Query, 10).Matches.Select(m => m.Item.Product.Id));
        }
        Assert.Equal(expected.Featured(10).Select(m => m.Item.Product.Id), actual.Featured(10).Select(m => m.Item.Product.Id));
    }

    private static List<string> Describe(IEnumerable<IndexedProduct> products) => products.Select(p => string.Join(" | ",
        p.Product.Id, p.Product.Title, p.Product.Handle, p.Product.Status, p.Product.OnlineStoreUrl, p.MinPrice, p.InStock, p.CreatedAt,
        string.Join(",", p.CollectionTitles), string.Join(",", p.Product.Tags), p.Product.Media.Nodes.FirstOrDefault()?.Image?.Url,
        string.Join(";", p.Product.Variants.Nodes.Select(v => $"{v.Id}:{v.Title}:{v.Price}:{v.CompareAtPrice}:{v.AvailableForSale}:{v.InventoryQuantity}:"
            + string.Join("/", v.SelectedOptions.Select(o => o.Name + "=" + o.Value)))))).ToList();
}
