using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using SalesBot.Insights;

namespace SalesBot.Tests.Insights;

/// <summary>Tracked Buy links read back only as the app issued them.</summary>
public sealed class BuyLinksTests : IAsyncLifetime
{
    private static readonly BuyLink Link = new("shop-a.myshopify.com", "page-1", "gid://shopify/Product/7", "gid://shopify/ProductVariant/70", "https://shop-a.example/cart/70:1");
    private readonly string _dataDir = Directory.CreateTempSubdirectory("salesbot-buylinks-").FullName;
    private InsightsHarness _app = null!;

    public async Task InitializeAsync() => _app = await InsightsHarness.StartAsync(_dataDir);

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void A_link_points_at_the_app_and_reads_back_exactly()
    {
        var url = _app.Links.Track(Link);

        Assert.StartsWith(InsightsHarness.BaseUrl + "/go/", url);
        var token = url[(InsightsHarness.BaseUrl + "/go/").Length..];
        Assert.DoesNotContain("shop-a", url);                     // encrypted, not just signed
        Assert.True(token.Length < 400, $"token of {token.Length} characters");
        Assert.Equal(Link, _app.Links.Read(token));
        Assert.Null(_app.Links.Read(_app.Links.Protect(Link with { VariantId = null }))!.VariantId);
    }

    [Fact]
    public void Tampered_garbled_foreign_and_oversized_tokens_read_as_nothing()
    {
        var token = _app.Links.Protect(Link);
        var bytes = WebEncoders.Base64UrlDecode(token);
        for (var i = 0; i < bytes.Length; i += 7)
        {
            var flipped = (byte[])bytes.Clone();
            flipped[i] ^= 0x01;
            Assert.Null(_app.Links.Read(WebEncoders.Base64UrlEncode(flipped)));
        }
        Assert.Null(_app.Links.Read(token[..^4]));
        Assert.Null(_app.Links.Read("not a token!"));
        Assert.Null(_app.Links.Read("%%%"));
        Assert.Null(_app.Links.Read(""));
        Assert.Null(_app.Links.Read(new string('A', BuyLinks.MaxTokenLength + 1)));

        // The same bytes protected for another purpose (a page token's, say) are not a Buy link.
        var plain = _app.Protection.CreateProtector(BuyLinks.Purpose).Unprotect(bytes);
        var other = _app.Protection.CreateProtector("SalesBot.Facebook.PageToken").Protect(plain);
        Assert.Null(_app.Links.Read(WebEncoders.Base64UrlEncode(other)));
        // And a link for a page is only that page's: there is no field to change without breaking the token.
        Assert.Equal(Link, _app.Links.Read(WebEncoders.Base64UrlEncode(_app.Protection.CreateProtector(BuyLinks.Purpose).Protect(plain))));
    }

    [Fact]
    public async Task A_link_from_another_key_ring_reads_as_nothing()
    {
        var otherDir = Directory.CreateTempSubdirectory("salesbot-buylinks-other-").FullName;
        await using var stranger = await InsightsHarness.StartAsync(otherDir);

        Assert.Null(_app.Links.Read(stranger.Links.Protect(Link)));
    }
}
