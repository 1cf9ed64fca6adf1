using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SalesBot.Configuration;
using SalesBot.Shopify.Auth;
using SalesBot.Signing;

namespace SalesBot.Tests.Shopify;

public class SignatureTests
{
    // Shopify's documented vector (DESIGN.md).
    private static readonly KeyValuePair<string, string>[] VectorQuery =
    [
        new("code", "0907a61c0c8d55e99db179b68161bc00"),
        new("shop", "some-shop.myshopify.com"),
        new("state", "0.6784241404160823"),
        new("timestamp", "1337178173"),
    ];
    private const string VectorHmac = "700e2dadb827fcc8609e9d5ce208b2e9cdaab9df07390d2cbca10d7c328fc4bf";

    [Fact]
    public void Query_hmac_matches_shopifys_vector_in_any_parameter_order()
    {
        var hmac = new ShopifyQueryHmac("hush");
        Assert.Equal(VectorHmac, hmac.Sign(VectorQuery.Reverse()));
        Assert.True(hmac.IsValid([.. VectorQuery, new("hmac", VectorHmac)], VectorHmac));
        Assert.True(hmac.IsValid(VectorQuery, VectorHmac.ToUpperInvariant()));
    }

    [Theory]
    [InlineData("600e2dadb827fcc8609e9d5ce208b2e9cdaab9df07390d2cbca10d7c328fc4bf")]
    [InlineData("700e2dad")]
    [InlineData("")]
    [InlineData(null)]
    public void Query_hmac_refuses_anything_else(string? hmac) =>
        Assert.False(new ShopifyQueryHmac("hush").IsValid(VectorQuery, hmac));

    [Fact]
    public void Callback_verifier_accepts_the_vector_within_90_seconds_and_refuses_it_after()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1337178173 + 60));
        var verifier = new CallbackVerifier(Options.Create(new ShopifyOptions { ApiKey = "key", ApiSecret = "hush" }), clock);
        KeyValuePair<string, string>[] query = [.. VectorQuery, new("hmac", VectorHmac)];

        Assert.Null(verifier.Verify(query));
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Contains("stale", verifier.Verify(query));
    }

    [Fact]
    public void Callback_verifier_refuses_a_tampered_parameter()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1337178173));
        var verifier = new CallbackVerifier(Options.Create(new ShopifyOptions { ApiKey = "key", ApiSecret = "hush" }), clock);
        KeyValuePair<string, string>[] query = [.. VectorQuery.Select(p => p.Key == "shop" ? new(p.Key, "evil-shop.myshopify.com") : p), new("hmac", VectorHmac)];
        Assert.Contains("does not match", verifier.Verify(query));
    }

    [Fact]
    public void Webhook_hmac_matches_the_documented_vector()
    {
        var body = Encoding.UTF8.GetBytes("{\"foo\": \"bar\"}");
        var hmac = new ShopifyWebhookHmac("test_secret_key");
        Assert.Equal("B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=", hmac.Sign(body));
        Assert.True(hmac.IsValid(body, "B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g="));
        Assert.False(hmac.IsValid(Encoding.UTF8.GetBytes("{\"foo\":\"bar\"}"), "B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g="));
        Assert.False(hmac.IsValid(body, "not base64!"));
        Assert.False(hmac.IsValid(body, null));
    }

    [Fact]
    public void Meta_signature_round_trips_and_refuses_a_changed_body()
    {
        var body = Encoding.UTF8.GetBytes("{\"object\":\"page\"}");
        var signature = new MetaSignature("app-secret");
        var header = signature.Sign(body);
        Assert.StartsWith("sha256=", header);
        Assert.True(signature.IsValid(body, header));
        Assert.False(signature.IsValid(Encoding.UTF8.GetBytes("{\"object\":\"user\"}"), header));
        Assert.False(signature.IsValid(body, header.Replace("sha256=", "sha1=")));
        Assert.False(signature.IsValid(body, "sha256=zz"));
    }

    [Fact]
    public void Meta_signed_request_matches_an_independent_vector_and_refuses_tampering()
    {
        // Computed outside .NET (Python hmac + urlsafe base64 without padding) for secret "app-secret".
        const string payload = """{"algorithm":"HMAC-SHA256","expires":1291840400,"issued_at":1291836800,"user_id":"218471"}""";
        const string vector = "jrp12ZijqTy2-9NDSsFcrvW7Yz9HUqinb-TuSFEekhs.eyJhbGdvcml0aG0iOiJITUFDLVNIQTI1NiIsImV4cGlyZXMiOjEyOTE4NDA0MDAsImlzc3VlZF9hdCI6MTI5MTgzNjgwMCwidXNlcl9pZCI6IjIxODQ3MSJ9";
        var scheme = new MetaSignedRequest("app-secret");

        Assert.Equal(vector, scheme.Sign(Encoding.UTF8.GetBytes(payload)));
        Assert.Equal(payload, Encoding.UTF8.GetString(scheme.Verify(vector)!));
        Assert.Equal(payload, Encoding.UTF8.GetString(scheme.Verify(vector.Replace(".", "=.", StringComparison.Ordinal))!));   // padded signature
        Assert.Null(new MetaSignedRequest("other-secret").Verify(vector));
        var otherUser = Convert.ToBase64String(Encoding.UTF8.GetBytes(payload.Replace("218471", "999999", StringComparison.Ordinal)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.Null(scheme.Verify(vector.Split('.')[0] + "." + otherUser));
        Assert.Null(scheme.Verify("no-dot"));
        Assert.Null(scheme.Verify("." + vector.Split('.')[1]));
        Assert.Null(scheme.Verify("!!!." + vector.Split('.')[1]));
        Assert.Null(scheme.Verify(null));
    }
}
