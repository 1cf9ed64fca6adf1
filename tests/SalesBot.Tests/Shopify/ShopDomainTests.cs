using SalesBot.Shopify.Auth;

namespace SalesBot.Tests.Shopify;

public class ShopDomainTests
{
    [Theory]
    [InlineData("acme", "acme.myshopify.com")]
    [InlineData("acme.myshopify.com", "acme.myshopify.com")]
    [InlineData("Acme-Store.MyShopify.com", "acme-store.myshopify.com")]
    [InlineData("a1_b-2", "a1_b-2.myshopify.com")]
    public void Accepts_a_bare_name_or_a_myshopify_domain(string input, string expected)
    {
        Assert.True(ShopDomain.TryParse(input, out var domain));
        Assert.Equal(expected, domain);
    }

    public static TheoryData<string?> BadShops => new()
    {
        "evil.com", "acme.myshopify.com.evil.com", "../x", "", " ", null, "-acme", "acme.myshopify.com/",
        "acme@evil.com", "acme.myshopify.com:443", "http://acme.myshopify.com", new string('a', 300),
        "a.b.myshopify.com", "acme%2emyshopify.com",
    };

    [Theory]
    [MemberData(nameof(BadShops))]
    public void Refuses_anything_else(string? input) => Assert.False(ShopDomain.TryParse(input, out _));

    [Theory]
    [InlineData("shpat_0123456789abcdef0123456789abcdef", "shpat_…cdef")]
    [InlineData("short", "…")]
    public void Masks_tokens_down_to_kind_and_last_four(string token, string masked) => Assert.Equal(masked, TokenMask.Mask(token));
}
