using System.Security.Cryptography;
using System.Text.Json;
using SalesBot.Catalog;
using SalesBot.Snapshots;

namespace SalesBot.Tests.Snapshots;

public sealed class CatalogHasherTests
{
    private static readonly ShopifyData Data = CatalogSamples.Catalog("acme.myshopify.com");

    [Fact]
    public void Hash_is_sha256_hex_of_the_versioned_catalog_in_id_order()
    {
        // The expected bytes are the contract's serializer over a catalog the test itself put in canonical order
        // (every list by id, codes by code, policies by type), not the hasher's own canonical form.
        var inOrder = Data.Data with
        {
            CodeDiscountNodes = new(Data.Data.CodeDiscountNodes.Nodes.Select(d => d with
            {
                CodeDiscount = d.CodeDiscount with { Codes = new(d.CodeDiscount.Codes!.Nodes.OrderBy(c => c.Code, StringComparer.Ordinal).ToList()) },
            }).ToList()),
        };
        var expected = Convert.ToHexStringLower(SHA256.HashData([.. "salesbot-catalog-v1\n"u8, .. JsonSerializer.SerializeToUtf8Bytes(inOrder, CatalogJson.Default.CatalogData)]));

        Assert.Equal(expected, CatalogHasher.Hash(CatalogSamples.Reordered(Data)));
        Assert.Equal(expected, CatalogHasher.Hash(Data));
        Assert.Matches("^[0-9a-f]{64}$", expected);
    }

    [Fact]
    public void Fetch_report_and_page_order_do_not_change_the_hash()
    {
        Assert.Equal(CatalogHasher.Hash(Data), CatalogHasher.Hash(Data with { Extensions = null }));
        Assert.Equal(CatalogHasher.Hash(Data), CatalogHasher.Hash(CatalogSamples.Reordered(Data)));
    }

    [Fact]
    public void Any_catalog_edit_changes_the_hash()
    {
        var products = Data.Data.Products.Nodes;
        var edits = new[]
        {
            CatalogSamples.WithPrice(Data, product: 3, price: 1m),
            Data with { Data = Data.Data with { Products = new(products.Skip(1).ToList()) } },
            Data with { Data = Data.Data with { Products = new([.. products.Select(p => p with { Tags = ["cotton"] })]) } },
            // Media order is meaningful (the first image is the featured one), so it is not sorted away.
            Data with { Data = Data.Data with { Products = new([.. products.Select(p => p with { Media = new([.. p.Media.Nodes, new Media("m2", null, "IMAGE", null)]) })]) } },
            Data with { Data = Data.Data with { Shop = Data.Data.Shop with { Name = "Renamed" } } },
            Data with { Data = Data.Data with { CodeDiscountNodes = Connection<DiscountNode>.Empty } },
        };

        var hashes = edits.Select(CatalogHasher.Hash).Append(CatalogHasher.Hash(Data)).ToList();

        Assert.Equal(hashes.Count, hashes.Distinct().Count());
    }

    [Fact]
    public void Canonical_form_does_not_mutate_the_input()
    {
        var reordered = CatalogSamples.Reordered(Data);
        var before = JsonSerializer.Serialize(reordered, CatalogJson.Default.ShopifyData);

        CatalogHasher.Hash(reordered);

        Assert.Equal(before, JsonSerializer.Serialize(reordered, CatalogJson.Default.ShopifyData));
    }
}
