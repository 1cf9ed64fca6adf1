using System.Text;
using SalesBot.Catalog;
using SalesBot.Shopify.Admin;
using SalesBot.Shopify.Sync.Fetch;
namespace SalesBot.Tests.Shopify;

public class BulkCatalogReaderTests
{
    private static Stream Jsonl(params string[] lines) => new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));

    [Fact]
    public async Task Children_are_put_back_under_their_parents_whatever_the_interleaving()
    {
        var products = await BulkCatalogReader.AssembleProductsAsync(Jsonl(
            """{"id":"gid://shopify/Product/1","title":"Shirt","handle":"shirt","tags":["blue"],"status":"ACTIVE","options":[]}""",
            """{"id":"gid://shopify/Product/2","title":"Hat","handle":"hat","tags":[],"status":"ACTIVE","options":[]}""",
            """{"id":"gid://shopify/ProductVariant/12","title":"M","price":"20.00","availableForSale":true,"position":2,"selectedOptions":[],"inventoryItem":{"id":"gid://shopify/InventoryItem/12","tracked":true},"__parentId":"gid://shopify/Product/1"}""",
            """{"id":"gid://shopify/MediaImage/7","mediaContentType":"IMAGE","image":{"url":"https://cdn.test/hat.jpg"},"__parentId":"gid://shopify/Product/2"}""",
            """{"id":"gid://shopify/ProductVariant/11","title":"S","price":"19.50","availableForSale":false,"position":1,"selectedOptions":[{"name":"Size","value":"S"}],"inventoryItem":{"id":"gid://shopify/InventoryItem/11","tracked":true},"__parentId":"gid://shopify/Product/1"}""",
            """{"id":"gid://shopify/InventoryLevel/5?inventory_item_id=11","location":{"id":"gid://shopify/Location/1","name":"Main"},"quantities":[{"name":"available","quantity":0}],"__parentId":"gid://shopify/ProductVariant/11"}""",
            """{"id":"gid://shopify/InventoryLevel/6?inventory_item_id=12","location":{"id":"gid://shopify/Location/1","name":"Main"},"quantities":[{"name":"available","quantity":4}],"__parentId":"gid://shopify/ProductVariant/12"}""",
            """{"id":"gid://shopify/MediaImage/8","mediaContentType":"IMAGE","image":{"url":"https://cdn.test/s.jpg"},"__parentId":"gid://shopify/ProductVariant/11"}"""), default);

        Assert.Equal(["Shirt", "Hat"], products.Select(p => p.Title));
        var shirt = products[0];
        Assert.Equal(["S", "M"], shirt.Variants.Nodes.Select(v => v.Title)); // by position, not by line order
        Assert.Equal(19.50m, shirt.Variants.Nodes[0].Price);
        Assert.Equal(0, shirt.Variants.Nodes[0].InventoryItem!.InventoryLevels.Nodes.Single().Available);
        Assert.Equal(4, shirt.Variants.Nodes[1].InventoryItem!.InventoryLevels.Nodes.Single().Available);
        Assert.Equal("https://cdn.test/s.jpg", shirt.Variants.Nodes[0].Media!.Nodes.Single().Image!.Url);
        Assert.Empty(shirt.Media.Nodes);
        Assert.Equal("https://cdn.test/hat.jpg", products[1].Media.Nodes.Single().Image!.Url);
        Assert.Empty(products[1].Variants.Nodes);
    }

    [Fact]
    public async Task A_child_whose_parent_never_came_is_an_error_not_a_silent_loss()
    {
        var error = await Assert.ThrowsAsync<ShopifyApiException>(() => BulkCatalogReader.AssembleProductsAsync(Jsonl(
            """{"id":"gid://shopify/ProductVariant/11","title":"S","price":"1.00","availableForSale":true,"position":1,"selectedOptions":[],"__parentId":"gid://shopify/Product/404"}"""), default));
        Assert.Contains("gid://shopify/Product/404", error.Message);
    }

    [Fact]
    public async Task Collections_get_their_member_ids_back()
    {
        var collections = await BulkCatalogReader.AssembleCollectionsAsync(Jsonl(
            """{"id":"gid://shopify/Collection/1","title":"Summer","handle":"summer"}""",
            """{"id":"gid://shopify/Collection/2","title":"Empty","handle":"empty"}""",
            """{"id":"gid://shopify/Product/10","__parentId":"gid://shopify/Collection/1"}""",
            """{"id":"gid://shopify/Product/11","__parentId":"gid://shopify/Collection/1"}"""), default);

        Assert.Equal(["Summer", "Empty"], collections.Select(c => c.Title));
        Assert.Equal(["gid://shopify/Product/10", "gid://shopify/Product/11"], collections[0].Products.Nodes.Select(p => p.Id));
        Assert.Empty(collections[1].Products.Nodes);
    }

    [Fact]
    public async Task Children_before_their_parents_and_levels_under_the_inventory_item_are_assembled()
    {
        // Every child first: levels (one naming the variant, one the variant's inventoryItem), media, variants, then the product.
        var products = await BulkCatalogReader.AssembleProductsAsync(Jsonl(
            """{"id":"gid://shopify/InventoryLevel/6?inventory_item_id=12","location":{"id":"gid://shopify/Location/1","name":"Main"},"quantities":[{"name":"available","quantity":4}],"__parentId":"gid://shopify/InventoryItem/12"}""",
            """{"id":"gid://shopify/InventoryLevel/5?inventory_item_id=11","location":{"id":"gid://shopify/Location/1","name":"Main"},"quantities":[{"name":"available","quantity":2}],"__parentId":"gid://shopify/ProductVariant/11"}""",
            """{"id":"gid://shopify/InventoryLevel/7?inventory_item_id=11","location":{"id":"gid://shopify/Location/2","name":"Depot"},"quantities":[{"name":"available","quantity":3}],"__parentId":"gid://shopify/InventoryItem/11"}""",
            """{"id":"gid://shopify/MediaImage/8","mediaContentType":"IMAGE","image":{"url":"https://cdn.test/m.jpg"},"__parentId":"gid://shopify/ProductVariant/12"}""",
            """{"id":"gid://shopify/MediaImage/9","mediaContentType":"IMAGE","image":{"url":"https://cdn.test/shirt.jpg"},"__parentId":"gid://shopify/Product/1"}""",
            """{"id":"gid://shopify/ProductVariant/12","title":"M","price":"20.00","availableForSale":true,"position":2,"selectedOptions":[],"inventoryItem":{"id":"gid://shopify/InventoryItem/12","tracked":true},"__parentId":"gid://shopify/Product/1"}""",
            """{"id":"gid://shopify/Product/2","title":"Hat","handle":"hat","tags":[],"status":"ACTIVE","options":[]}""",
            """{"id":"gid://shopify/ProductVariant/11","title":"S","price":"19.50","availableForSale":true,"position":1,"selectedOptions":[],"inventoryItem":{"id":"gid://shopify/InventoryItem/11","tracked":true},"__parentId":"gid://shopify/Product/1"}""",
            """{"id":"gid://shopify/Product/1","title":"Shirt","handle":"shirt","tags":[],"status":"ACTIVE","options":[]}"""), default);

        Assert.Equal(["Shirt", "Hat"], products.Select(p => p.Title)); // id order, as the products connection sorts
        var shirt = products[0];
        Assert.Equal(["S", "M"], shirt.Variants.Nodes.Select(v => v.Title));
        Assert.Equal([2L, 3L], shirt.Variants.Nodes[0].InventoryItem!.InventoryLevels.Nodes.Select(l => l.Available));
        Assert.Equal([4L], shirt.Variants.Nodes[1].InventoryItem!.InventoryLevels.Nodes.Select(l => l.Available));
        Assert.Equal("https://cdn.test/m.jpg", shirt.Variants.Nodes[1].Media!.Nodes.Single().Image!.Url);
        Assert.Equal("https://cdn.test/shirt.jpg", shirt.Media.Nodes.Single().Image!.Url);
        Assert.Empty(products[1].Variants.Nodes);
    }

    [Fact]
    public async Task Lines_whose_parent_never_appears_are_an_error_naming_a_few_and_counting_all()
    {
        var lines = Enumerable.Range(1, 7).Select(i =>
            $$"""{"id":"gid://shopify/ProductVariant/{{i}}","title":"V","price":"1.00","availableForSale":true,"position":1,"selectedOptions":[],"__parentId":"gid://shopify/Product/404"}""")
            .Append("""{"id":"gid://shopify/Product/1","title":"Shirt","handle":"shirt","tags":[],"status":"ACTIVE","options":[]}""")
            .ToArray();

        var error = await Assert.ThrowsAsync<ShopifyApiException>(() => BulkCatalogReader.AssembleProductsAsync(Jsonl(lines), default));

        Assert.Contains("7 lines whose parent never appeared", error.Message);
        Assert.Contains("gid://shopify/ProductVariant/1 (parent gid://shopify/Product/404)", error.Message);
        Assert.DoesNotContain("ProductVariant/7", error.Message);
    }

    [Fact]
    public async Task A_level_under_a_product_or_a_member_of_a_missing_collection_is_an_error_too()
    {
        var misplaced = await Assert.ThrowsAsync<ShopifyApiException>(() => BulkCatalogReader.AssembleProductsAsync(Jsonl(
            """{"id":"gid://shopify/InventoryLevel/5?inventory_item_id=11","location":{"id":"gid://shopify/Location/1","name":"Main"},"quantities":[],"__parentId":"gid://shopify/Product/1"}""",
            """{"id":"gid://shopify/Product/1","title":"Shirt","handle":"shirt","tags":[],"status":"ACTIVE","options":[]}"""), default));
        Assert.Contains("1 line whose parent never appeared: gid://shopify/InventoryLevel/5?inventory_item_id=11 (parent gid://shopify/Product/1)", misplaced.Message);

        var orphan = await Assert.ThrowsAsync<ShopifyApiException>(() => BulkCatalogReader.AssembleCollectionsAsync(Jsonl(
            """{"id":"gid://shopify/Product/10","__parentId":"gid://shopify/Collection/9"}""",
            """{"id":"gid://shopify/Collection/1","title":"Summer","handle":"summer"}"""), default));
        Assert.Contains("gid://shopify/Product/10 (parent gid://shopify/Collection/9)", orphan.Message);
    }

    [Fact]
    public async Task Members_before_their_collection_keep_their_order()
    {
        var collections = await BulkCatalogReader.AssembleCollectionsAsync(Jsonl(
            """{"id":"gid://shopify/Product/12","__parentId":"gid://shopify/Collection/2"}""",
            """{"id":"gid://shopify/Product/10","__parentId":"gid://shopify/Collection/2"}""",
            """{"id":"gid://shopify/Collection/2","title":"Winter","handle":"winter"}""",
            """{"id":"gid://shopify/Product/11","__parentId":"gid://shopify/Collection/2"}""",
            """{"id":"gid://shopify/Collection/1","title":"Summer","handle":"summer"}"""), default);

        Assert.Equal(["Summer", "Winter"], collections.Select(c => c.Title));
        Assert.Equal(["gid://shopify/Product/12", "gid://shopify/Product/10", "gid://shopify/Product/11"], collections[1].Products.Nodes.Select(p => p.Id));
    }

    [Fact]
    public async Task A_stream_of_unknown_length_is_cut_off_at_the_cap_with_a_clear_error()
    {
        var line = """{"id":"gid://shopify/Product/1","title":"Shirt","handle":"shirt","tags":[],"status":"ACTIVE","options":[]}""";
        var jsonl = string.Join("\n", Enumerable.Repeat(line, 2000));
        // A pipe-like stream: no length, delivered in small reads, as a chunked download is.
        await using var stream = new TrickleStream(Encoding.UTF8.GetBytes(jsonl), 4096);

        var error = await Assert.ThrowsAsync<ShopifyApiException>(() => BulkCatalogReader.AssembleProductsAsync(stream, default, maxBytes: 50_000));

        Assert.Contains("larger than the 50,000-byte cap (SHOPIFY_BULK_MAX_BYTES)", error.Message);
        Assert.True(stream.Served <= 50_000 + 64 * 1024, $"read {stream.Served} bytes before stopping");
    }

    [Fact]
    public async Task Lines_split_across_reads_and_crlf_endings_are_read_whole()
    {
        var text = string.Join("\r\n",
            """{"id":"gid://shopify/Product/1","title":"Shirt with a long description","handle":"shirt","description":"{{new string('x', 200_000)}}","tags":[],"status":"ACTIVE","options":[]}""".Replace("{{new string('x', 200_000)}}", new string('x', 200_000)),
            """{"id":"gid://shopify/ProductVariant/11","title":"S","price":"19.50","availableForSale":true,"position":1,"selectedOptions":[],"__parentId":"gid://shopify/Product/1"}""");
        await using var stream = new TrickleStream(Encoding.UTF8.GetBytes(text), 1000);

        var products = await BulkCatalogReader.AssembleProductsAsync(stream, default);

        Assert.Equal(200_000, products.Single().Description!.Length);
        Assert.Equal("S", products.Single().Variants.Nodes.Single().Title);
    }

    [Fact]
    public async Task A_malformed_line_is_an_error_naming_its_line_number()
    {
        var error = await Assert.ThrowsAsync<ShopifyApiException>(() => BulkCatalogReader.AssembleProductsAsync(Jsonl(
            """{"id":"gid://shopify/Product/1","title":"Shirt","handle":"shirt","tags":[],"status":"ACTIVE","options":[]}""",
            """{"id":"gid://shopify/Product/2","title":"""), default));
        Assert.StartsWith("Line 2 of the bulk export is not valid JSON", error.Message);
    }

    /// <summary>A non-seekable stream that hands out at most <c>chunk</c> bytes a read.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : Stream
    {
        public long Served { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Served; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(Math.Min(count, chunk), data.Length - Served);
            Array.Copy(data, Served, buffer, offset, n);
            Served += n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
