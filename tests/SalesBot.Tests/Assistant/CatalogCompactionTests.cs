using SalesBot.Assistant;
using SalesBot.Catalog;
namespace SalesBot.Tests.Assistant;

/// <summary>The index keeps a compact copy of each product; everything a turn reads must survive it.</summary>
public class CatalogCompactionTests
{
    [Fact]
    public void Keeps_the_first_image_the_prices_and_the_options_and_drops_inventory_levels()
    {
        var data = TestCatalog.Create();
        var bracelet = data.Data.Products.Nodes[2];
        var video = new Media("gid://shopify/Video/1", null, "VIDEO", null);
        var variantImage = new Media(null, null, "IMAGE", new Image("https://cdn.example/black.jpg", null));
        var levels = new InventoryItem("gid://shopify/InventoryItem/1", true, new Connection<InventoryLevel>(
            [new InventoryLevel("l1", new Location("gid://shopify/Location/1", "Warehouse"), [new InventoryQuantity("available", 3)])]));
        var variants = bracelet.Variants.Nodes.Select((v, i) => i == 1 ? v with { CompareAtPrice = 60m, Media = new([video, variantImage]), InventoryItem = levels } : v).ToList();
        var products = data.Data.Products.Nodes.ToList();
        products[2] = bracelet with { Media = new([video, .. bracelet.Media.Nodes]), Variants = new(variants) };
        var catalog = new CatalogIndex(data with { Data = data.Data with { Products = new(products) } });

        var item = catalog.FindByHandle("chain-bracelet")!;
        Assert.Equal("https://cdn.example/chain-bracelet.jpg", item.ImageUrl);
        var black = item.Product.Variants.Nodes[1];
        Assert.Equal("https://cdn.example/black.jpg", black.Media!.Nodes.Single().Image!.Url);
        Assert.Null(black.InventoryItem);
        Assert.Equal(60m, black.CompareAtPrice);
        Assert.Equal([("Color", "Blue"), ("Color", "Black")], item.Product.Variants.Nodes.Select(v => (v.SelectedOptions[0].Name, v.SelectedOptions[0].Value)));
        Assert.Equal(["Blue", "Black"], item.Product.Options[0].Values);
        Assert.Equal(["beads"], item.Product.Tags);
        Assert.Equal("Test Vendor", item.Product.Vendor);
        // Equal strings across products are one instance.
        Assert.Same(catalog.Products[0].Product.Vendor, catalog.Products[1].Product.Vendor);
    }
}
