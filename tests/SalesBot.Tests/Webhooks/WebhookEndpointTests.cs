using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SalesBot.Shopify.Webhooks;
using SalesBot.Signing;
using SalesBot.Tests.Snapshots;

namespace SalesBot.Tests.Webhooks;

/// <summary>POST /shopify/webhook over real HTTP: what is refused, what is recorded, what is applied once and in what order.</summary>
public sealed class WebhookEndpointTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    [Fact]
    public async Task A_duplicate_delivery_is_recorded_and_applied_once()
    {
        await using var live = await LiveShop.StartAsync(s3);
        await live.InstallAsync();
        var product = live.Store.Products.Values.First();
        var payload = await live.AdminAsync(HttpMethod.Patch, $"products/{product.Id}", new { title = product.Title + " v2" }, webhook: false);
        var mark = live.QueryCount;
        var eventId = Guid.NewGuid().ToString();

        using (var first = await live.PostWebhookAsync(WebhookTopics.ProductsUpdate, payload, eventId))
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await live.WaitProcessedAsync(eventId);
        await live.WaitForSnapshotAsync(d => d.Products.Nodes.Single(p => p.Id == product.Gid).Title == product.Title, "the first delivery");
        var deliveries = await live.DeliveryCountAsync();

        using (var again = await live.PostWebhookAsync(WebhookTopics.ProductsUpdate, payload, eventId))
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        // A later, different delivery: once it is applied, the duplicate would have been too (one queue per shop).
        var collection = live.Store.Collections.Values.First();
        var sentinel = Guid.NewGuid().ToString();
        var collectionPayload = await live.AdminAsync(HttpMethod.Patch, $"collections/{collection.Id}", new { title = "Sentinel" }, webhook: false);
        using (var next = await live.PostWebhookAsync(WebhookTopics.CollectionsUpdate, collectionPayload, sentinel))
            Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        await live.WaitProcessedAsync(sentinel);

        Assert.Equal(deliveries + 1, await live.DeliveryCountAsync());
        var recorded = await live.DeliveryAsync(eventId);
        Assert.Equal(1, recorded!.Attempts);
        var operations = live.OperationsSince(mark);
        Assert.Equal(1, operations.Count(o => o == "ProductsByIds"));
        Assert.Equal(1, operations.Count(o => o == "CollectionsByIds"));
    }

    [Fact]
    public async Task Copies_of_one_delivery_arriving_at_once_are_stored_once_and_all_answered_200()
    {
        await using var live = await LiveShop.StartAsync(s3);
        await live.InstallAsync();
        var product = live.Store.Products.Values.First();
        var payload = await live.AdminAsync(HttpMethod.Patch, $"products/{product.Id}", new { title = product.Title + " v3" }, webhook: false);
        var before = await live.DeliveryCountAsync();
        var eventId = Guid.NewGuid().ToString();

        // Concurrent copies land in the same write batch or in consecutive ones; either way one row.
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => live.PostWebhookAsync(WebhookTopics.ProductsUpdate, payload, eventId)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Single(bodies, b => b.Contains("Accepted"));
        Assert.Equal(before + 1, await live.DeliveryCountAsync());
        foreach (var r in responses) r.Dispose();
    }

    [Fact]
    public async Task An_older_delivery_arriving_after_a_newer_one_never_rolls_data_back()
    {
        await using var live = await LiveShop.StartAsync(s3);
        await live.InstallAsync();
        var product = live.Store.Products.Values.First();
        var variant = product.Variants[0];

        // Two edits whose webhooks we carry ourselves, in the wrong order.
        var older = await live.AdminAsync(HttpMethod.Patch, $"products/{product.Id}", new { title = "Older title" }, webhook: false);
        var olderAt = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        await live.AdminAsync(HttpMethod.Patch, $"variants/{variant.Id}", new { price = variant.Price + 5m }, webhook: false);
        var newer = await live.AdminAsync(HttpMethod.Patch, $"products/{product.Id}", new { title = "Newer title" }, webhook: false);
        var newerAt = DateTimeOffset.UtcNow;
        Assert.Equal("Older title", older["title"]!.GetValue<string>());
        var price = live.Store.Variants[variant.Id].Price;

        var newerId = Guid.NewGuid().ToString();
        using (var response = await live.PostWebhookAsync(WebhookTopics.ProductsUpdate, newer, newerId, newerAt))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await live.WaitProcessedAsync(newerId);
        await live.WaitForSnapshotAsync(d => d.Products.Nodes.Single(p => p.Id == product.Gid).Title == "Newer title", "the newer delivery");

        var olderId = Guid.NewGuid().ToString();
        using (var response = await live.PostWebhookAsync(WebhookTopics.ProductsUpdate, older, olderId, olderAt))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await live.WaitProcessedAsync(olderId);

        var snapshot = await live.SnapshotAsync();
        var stored = snapshot!.Products.Nodes.Single(p => p.Id == product.Gid);
        Assert.Equal("Newer title", stored.Title);
        Assert.Equal(live.Store.Products[product.Id].Title, stored.Title);
        Assert.Equal(price, stored.Variants.Nodes.Single(v => v.Id == variant.Gid).Price);
    }

    [Fact]
    public async Task Bad_deliveries_get_the_right_status_and_leave_nothing_behind()
    {
        await using var live = await LiveShop.StartAsync(s3);
        var body = Encoding.UTF8.GetBytes("""{"id":1,"admin_graphql_api_id":"gid://shopify/Product/1"}""");
        var before = await live.DeliveryCountAsync();

        // Forged: signed with another secret; unsigned; signature of another body.
        var forgedId = Guid.NewGuid().ToString();
        using (var forged = await live.PostWebhookAsync(WebhookTopics.ProductsUpdate, body, forgedId, secret: "not-the-app-secret"))
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        using (var unsigned = await live.PostWebhookAsync(WebhookTopics.ProductsUpdate, body, tamper: r => r.Headers.Remove(ShopifyWebhookHmac.HeaderName)))
            Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        using (var swapped = await live.PostWebhookAsync(WebhookTopics.ProductsUpdate, body,
                   tamper: r => r.Content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"id":2}"""))))
            Assert.Equal(HttpStatusCode.Unauthorized, swapped.StatusCode);
        // Compliance topics are refused the same way (Shopify's review checks this).
        using (var redact = await live.PostWebhookAsync(WebhookTopics.ShopRedact, body, secret: "not-the-app-secret"))
            Assert.Equal(HttpStatusCode.Unauthorized, redact.StatusCode);
        Assert.Null(await live.DeliveryAsync(forgedId));

        // Missing Shopify headers, each one alone.
        foreach (var header in new[] { WebhookHeaders.Topic, WebhookHeaders.ShopDomain })
        {
            using var missing = await live.PostWebhookAsync(WebhookTopics.ProductsUpdate, body, tamper: r => r.Headers.Remove(header));
            Assert.True(missing.StatusCode == HttpStatusCode.BadRequest, $"without {header}: {(int)missing.StatusCode}");
        }
        using (var noIds = await live.PostWebhookAsync(WebhookTopics.ProductsUpdate, body, tamper: r =>
               {
                   r.Headers.Remove(WebhookHeaders.EventId);
                   r.Headers.Remove(WebhookHeaders.WebhookId);
               }))
            Assert.Equal(HttpStatusCode.BadRequest, noIds.StatusCode);

        // 10 MB of valid, correctly signed JSON.
        var huge = Encoding.UTF8.GetBytes("{\"padding\":\"" + new string('x', 10 * 1024 * 1024) + "\"}");
        var hugeId = Guid.NewGuid().ToString();
        using (var tooLarge = await live.PostWebhookAsync(WebhookTopics.ProductsUpdate, huge, hugeId))
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        // The same without a Content-Length (chunked): the limit is enforced while reading. Kestrel answers 413
        // and closes the connection, which the client may see as a reset while it is still sending.
        var chunkedId = Guid.NewGuid().ToString();
        try
        {
            using var chunked = await live.PostWebhookAsync(WebhookTopics.ProductsUpdate, huge, chunkedId, tamper: r =>
            {
                var headers = r.Content!.Headers;
                r.Content = new StreamContent(new MemoryStream(huge));
                r.Content.Headers.ContentType = headers.ContentType;
                r.Headers.TransferEncodingChunked = true;
            });
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        }
        catch (HttpRequestException)
        {
        }
        Assert.Null(await live.DeliveryAsync(chunkedId));
        Assert.Null(await live.DeliveryAsync(hugeId));

        // Signed, but not JSON.
        var notJsonId = Guid.NewGuid().ToString();
        using (var notJson = await live.PostWebhookAsync(WebhookTopics.ProductsUpdate, Encoding.UTF8.GetBytes("id=1&title=x"), notJsonId))
            Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        using (var empty = await live.PostWebhookAsync(WebhookTopics.ProductsUpdate, []))
            Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Null(await live.DeliveryAsync(notJsonId));

        Assert.Equal(before, await live.DeliveryCountAsync());

        // An unknown topic is acknowledged (and recorded, then marked done).
        var unknownId = Guid.NewGuid().ToString();
        using (var unknown = await live.PostWebhookAsync("orders/teleported", JsonNode.Parse("""{"id":42}""")!, unknownId))
            Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        await live.WaitProcessedAsync(unknownId);
        Assert.Equal(before + 1, await live.DeliveryCountAsync());
    }
}
