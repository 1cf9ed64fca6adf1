using System.Text;
using SalesBot.Shopify.Admin;
using SalesBot.Shopify.Catalog;

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
}
