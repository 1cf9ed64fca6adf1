using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SalesBot.Shopify.Sync;
using SalesBot.Snapshots;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Snapshots;

/// <summary>The status endpoint and the DI wiring, through the real app with the local folder store in a temp DATA_DIR.</summary>
public sealed class SnapshotStatusApiTests : IAsyncLifetime
{
    private readonly string dataDir = Directory.CreateTempSubdirectory("status-").FullName;
    private WebApplicationFactory<Program> app = null!;

    public Task InitializeAsync()
    {
        app = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("DATA_DIR", dataDir).UseTestDatabase(dataDir));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Status_shows_the_published_snapshot()
    {
        using var client = app.CreateClient();
        var shop = CatalogSamples.NewShop();
        var result = await app.Services.GetRequiredService<ISnapshotPublisher>().PublishAsync(shop, CatalogSamples.Catalog(shop), CancellationToken.None);

        using var response = await client.GetAsync($"/shopify/{shop.Split('.')[0]}/status");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("snapshot");
        Assert.Equal("local", json.GetProperty("store").GetString());
        Assert.Equal($"{shop}/shopify_data.json", json.GetProperty("key").GetString());
        Assert.Equal(result.Hash, json.GetProperty("publishedHash").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("pending").ValueKind);
        Assert.True(File.Exists(Path.Combine(dataDir, "snapshots", shop, "shopify_data.json")));
    }

    [Fact]
    public async Task Status_shows_a_pending_publish_with_its_reason()
    {
        using var client = app.CreateClient();
        var shop = CatalogSamples.NewShop();
        Directory.CreateDirectory(Path.Combine(dataDir, "snapshots"));
        await File.WriteAllTextAsync(Path.Combine(dataDir, "snapshots", shop), "blocks the shop's folder");
        await app.Services.GetRequiredService<ISnapshotPublisher>().PublishAsync(shop, CatalogSamples.Catalog(shop), CancellationToken.None);

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
        using var client = app.CreateClient();

        using var response = await client.GetAsync($"/shopify/{Uri.EscapeDataString(shop)}/status");

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrEmpty((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()));
    }
}
