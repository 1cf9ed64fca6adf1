using System.Net;
using System.Text.Json.Nodes;
using SalesBot.Snapshots;
using SalesBot.Tests.Support;
using SalesBot.Tests.Webhooks;

namespace SalesBot.Tests.Snapshots;

/// <summary>What the merchant sees of publishing, through the install callback, against a real s3rver.</summary>
public sealed class InstallPublishTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    [Fact]
    public async Task Installs_upload_once_then_only_when_the_catalog_changed()
    {
        await using var live = await LiveShop.StartAsync(s3);

        var first = await live.InstallAsync();
        Assert.StartsWith("Uploaded data to Spaces for " + live.Shop, Message(first));
        var stored = await live.App.Get<ISnapshotStore>().GetAsync(live.Shop, default);
        Assert.True(JsonNode.DeepEquals(first["shopify_data"], JsonNode.Parse(stored!.Content)), "the object differs from the callback's shopify_data");

        var second = await live.InstallAsync();
        Assert.Equal(PublishResult.UnchangedMessage, Message(second));
        var head = await live.App.Get<ISnapshotStore>().HeadAsync(live.Shop, default);
        Assert.Equal(stored.Head.LastModified, head!.LastModified);

        var product = live.Store.Products.Values.First();
        await live.AdminAsync(HttpMethod.Patch, $"products/{product.Id}", new { title = "Renamed while nobody listened" }, webhook: false);
        var third = await live.InstallAsync();
        Assert.StartsWith("Uploaded data to Spaces", Message(third));
        var renamed = await live.SnapshotAsync();
        Assert.Contains(renamed!.Products.Nodes, p => p.Title == "Renamed while nobody listened");
    }

    [Fact]
    public async Task Wrong_credentials_fail_the_upload_clearly_but_the_install_still_answers_with_the_catalog()
    {
        await using var live = await LiveShop.StartAsync(s3, new Dictionary<string, string?> { ["SPACES_ACCESS_KEY"] = "NOT-A-KEY" });
        using var browser = live.App.Browser();

        var (status, body) = await InstallFlow.InstallAsync(browser, live.ShopName);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("failed", body["upload_status_result"]!["status"]!.GetValue<string>());
        var message = Message(body);
        Assert.Contains("credentials", message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(S3rverFixture.SecretKey, message);
        Assert.Equal(live.Store.Products.Count, body["shopify_data"]!["data"]!["products"]!["nodes"]!.AsArray().Count);
    }

    private static string Message(JsonObject report) => report["upload_status_result"]!["message"]!.GetValue<string>();
}
