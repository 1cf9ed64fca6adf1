using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SalesBot.Shopify.Sync;
using SalesBot.Snapshots;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Snapshots;

/// <summary>
/// The status endpoint and the DI wiring, through the real app (sandbox mode, on loopback: the merchant signs in through the
/// in-process sandbox store) with the local folder store in a temp DATA_DIR.
/// </summary>
public sealed class SnapshotStatusApiTests : IAsyncLifetime
{
    private readonly string dataDir = Directory.CreateTempSubdirectory("status-").FullName;
    private SalesBotApp app = null!;

    public Task InitializeAsync()
    {
        app = SalesBotApp.Start(new Dictionary<string, string?>(), dataDir);
        return Task.CompletedTask;
    }

    /// <summary>The status is the signed-in merchant's: a browser signed in for <paramref name="shop"/>.</summary>
    private async Task<HttpClient> MerchantOfAsync(string shop)
    {
        var browser = app.Browser();
        (await SignInFlow.SignInAsync(browser, shop.Split('.')[0])).Dispose();
        return browser;
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Status_shows_the_published_snapshot()
    {
        var shop = CatalogSamples.NewShop();
        using var client = await MerchantOfAsync(shop);
        var result = await app.Get<ISnapshotPublisher>().PublishAsync(shop, CatalogSamples.Catalog(shop), CancellationToken.None);

        using var response = await client.GetAsync($"/shopify/{shop.Split('.')[0]}/status");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var status = await response.Content.ReadFromJsonAsync<JsonElement>();
        var json = status.GetProperty("snapshot");
        Assert.Equal("local", json.GetProperty("store").GetString());
        Assert.Equal($"{shop}/shopify_data.json", json.GetProperty("key").GetString());
        Assert.Equal(result.Hash, json.GetProperty("publishedHash").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("pending").ValueKind);
        Assert.True(File.Exists(Path.Combine(dataDir, "snapshots", shop, "shopify_data.json")));
        // The publish history beside the state: this one upload.
        var publish = Assert.Single(status.GetProperty("publishes").EnumerateArray());
        Assert.Equal(result.Hash, publish.GetProperty("hash").GetString());
        Assert.Equal("success", publish.GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.Array, status.GetProperty("syncRuns").ValueKind);
    }

    [Fact]
    public async Task Status_shows_a_pending_publish_with_its_reason()
    {
        var shop = CatalogSamples.NewShop();
        using var client = await MerchantOfAsync(shop);
        Directory.CreateDirectory(Path.Combine(dataDir, "snapshots"));
        await File.WriteAllTextAsync(Path.Combine(dataDir, "snapshots", shop), "blocks the shop's folder");
        await app.Get<ISnapshotPublisher>().PublishAsync(shop, CatalogSamples.Catalog(shop), CancellationToken.None);

        var json = await client.GetFromJsonAsync<JsonElement>($"/shopify/{shop}/status");

        var pending = json.GetProperty("snapshot").GetProperty("pending");
        Assert.True(pending.GetProperty("attempts").GetInt32() >= 1);
        Assert.Contains("cannot be written", pending.GetProperty("lastError").GetString());
    }

    [Theory]
    [InlineData("bad shop!", HttpStatusCode.BadRequest)]
    [InlineData("evil.example.com", HttpStatusCode.BadRequest)]
    [InlineData("never-seen", HttpStatusCode.NotFound)]
    public async Task Invalid_or_unknown_shop_gets_a_json_error(string shop, HttpStatusCode expected)
    {
        // Signed in as the unknown shop, so the answer is about the shop and not about the session.
        using var client = await MerchantOfAsync("never-seen");

        using var response = await client.GetAsync($"/shopify/{Uri.EscapeDataString(shop)}/status");

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrEmpty((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()));
    }
}
