using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SalesBot.Sandbox.Shopify;
using SalesBot.Signing;

namespace SalesBot.Tests.Sandbox;

/// <summary>Catalog changes through the sandbox admin endpoints reach subscribers as signed, retried webhooks.</summary>
public sealed class WebhookDeliveryTests
{
    private const string Shop = "hooks-shop.myshopify.com";

    private static async Task SubscribeAsync(SandboxClient client, string topic, string uri)
    {
        var created = await client.QueryAsync(AdminDocuments.Load("WebhookSubscriptionCreate"), new { topic, uri });
        Assert.Empty(created["data"]!["webhookSubscriptionCreate"]!["userErrors"]!.AsArray());
    }

    [Fact]
    public async Task Product_update_is_delivered_signed_with_shopify_headers_and_retried_after_failures()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 2);
        await using var server = await ShopifySandboxServer.StartAsync(SandboxFixture.Options());
        using var http = new HttpClient();
        var client = new SandboxClient(server, Shop, http);
        await SubscribeAsync(client, "PRODUCTS_UPDATE", receiver.Url);
        var product = server.Sandbox.GetStore(Shop).Products.Values.First();

        using var response = await http.PatchAsJsonAsync(new Uri(server.ShopUri(Shop), $"admin/sandbox/products/{product.Id}"),
            new { title = "Renamed", tags = new[] { "sale" } });
        response.EnsureSuccessStatusCode();
        await server.Sandbox.Webhooks.WhenIdleAsync();

        Assert.Equal(3, receiver.Requests.Count);
        var attempts = receiver.Requests.ToArray();
        Assert.Single(attempts.Select(a => a.Headers["X-Shopify-Webhook-Id"]).Distinct());
        Assert.Single(attempts.Select(a => a.Headers["X-Shopify-Event-Id"]).Distinct());
        var last = attempts[^1];
        Assert.True(new ShopifyWebhookHmac("sandbox-api-secret").IsValid(last.Body, last.Headers[ShopifyWebhookHmac.HeaderName]));
        Assert.Equal("products/update", last.Headers["X-Shopify-Topic"]);
        Assert.Equal(Shop, last.Headers["X-Shopify-Shop-Domain"]);
        Assert.Equal("2026-01", last.Headers["X-Shopify-API-Version"]);
        Assert.True(DateTimeOffset.TryParse(last.Headers["X-Shopify-Triggered-At"], out _));
        var body = JsonNode.Parse(last.Body)!;
        Assert.Equal(product.Id, body["id"]!.GetValue<long>());
        Assert.Equal(product.Gid, body["admin_graphql_api_id"]!.GetValue<string>());
        Assert.Equal("Renamed", body["title"]!.GetValue<string>());
        Assert.NotNull(body["updated_at"]);

        var log = server.Sandbox.Webhooks.Deliveries;
        Assert.Equal([500, 500, 200], log.Select(d => d.StatusCode ?? 0));
        Assert.Equal([false, false, true], log.Select(d => d.Delivered));
    }

    [Fact]
    public async Task Inventory_change_sends_inventory_levels_update_and_suppressed_changes_send_nothing()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await ShopifySandboxServer.StartAsync(SandboxFixture.Options());
        using var http = new HttpClient();
        var client = new SandboxClient(server, Shop, http);
        await SubscribeAsync(client, "INVENTORY_LEVELS_UPDATE", receiver.Url);
        var store = server.Sandbox.GetStore(Shop);
        var variant = store.Products.Values.First().Variants[0];
        var location = store.Locations[0];

        var uri = new Uri(server.ShopUri(Shop), "admin/sandbox/inventory");
        (await http.PostAsJsonAsync(uri, new { variantId = variant.Id, locationId = location.Id, available = 7 })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync(uri + "?webhook=false", new { variantId = variant.Id, locationId = location.Id, available = 3 })).EnsureSuccessStatusCode();
        await server.Sandbox.Webhooks.WhenIdleAsync();

        var delivered = Assert.Single(receiver.Requests);
        var body = JsonNode.Parse(delivered.Body)!;
        Assert.Equal(variant.InventoryItem.Id, body["inventory_item_id"]!.GetValue<long>());
        Assert.Equal(location.Id, body["location_id"]!.GetValue<long>());
        Assert.Equal(7, body["available"]!.GetValue<int>());
        Assert.Contains(server.Sandbox.Webhooks.Deliveries, d => d.Suppressed && d.Topic == "inventory_levels/update");
        Assert.Equal(3, variant.InventoryItem.Levels.First(l => l.Location == location).Available);
    }

    [Fact]
    public async Task Collection_discount_and_product_lifecycle_send_matching_topics()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await ShopifySandboxServer.StartAsync(SandboxFixture.Options());
        using var http = new HttpClient();
        var client = new SandboxClient(server, Shop, http);
        foreach (var topic in new[] { "PRODUCTS_CREATE", "PRODUCTS_DELETE", "COLLECTIONS_CREATE", "COLLECTIONS_UPDATE", "COLLECTIONS_DELETE", "DISCOUNTS_CREATE", "DISCOUNTS_UPDATE", "DISCOUNTS_DELETE", "APP_UNINSTALLED" })
            await SubscribeAsync(client, topic, receiver.Url);
        var admin = server.ShopUri(Shop);

        var product = JsonNode.Parse(await (await http.PostAsJsonAsync(new Uri(admin, "admin/sandbox/products"),
            new { title = "New Mug", variants = new[] { new { price = 12.5m, inventory = 4 } } })).Content.ReadAsStringAsync())!;
        var productId = product["id"]!.GetValue<long>();
        var collection = JsonNode.Parse(await (await http.PostAsJsonAsync(new Uri(admin, "admin/sandbox/collections"),
            new { title = "Mugs", productIds = new[] { productId } })).Content.ReadAsStringAsync())!;
        var collectionId = collection["id"]!.GetValue<long>();
        (await http.PatchAsJsonAsync(new Uri(admin, $"admin/sandbox/collections/{collectionId}"), new { title = "All mugs" })).EnsureSuccessStatusCode();
        var discount = JsonNode.Parse(await (await http.PostAsJsonAsync(new Uri(admin, "admin/sandbox/discounts"),
            new { kind = "basic", title = "5 off", codes = new[] { "FIVE" }, amount = 5m, minimumSubtotal = 30m })).Content.ReadAsStringAsync())!;
        var discountId = discount["id"]!.GetValue<long>();
        (await http.PatchAsJsonAsync(new Uri(admin, $"admin/sandbox/discounts/{discountId}"), new { title = "Five off" })).EnsureSuccessStatusCode();

        // The new objects are visible through GraphQL straight away.
        var check = await client.QueryAsync("query($id: ID!, $c: ID!) { product(id: $id) { title variants(first: 5) { nodes { price } } } collection(id: $c) { title products(first: 5) { nodes { id } } } }",
            new { id = product["admin_graphql_api_id"]!.GetValue<string>(), c = collection["admin_graphql_api_id"]!.GetValue<string>() });
        Assert.Equal("New Mug", check["data"]!["product"]!["title"]!.GetValue<string>());
        Assert.Equal("12.50", check["data"]!["product"]!["variants"]!["nodes"]![0]!["price"]!.GetValue<string>());
        Assert.Equal("All mugs", check["data"]!["collection"]!["title"]!.GetValue<string>());

        (await http.DeleteAsync(new Uri(admin, $"admin/sandbox/discounts/{discountId}"))).EnsureSuccessStatusCode();
        (await http.DeleteAsync(new Uri(admin, $"admin/sandbox/collections/{collectionId}"))).EnsureSuccessStatusCode();
        (await http.DeleteAsync(new Uri(admin, $"admin/sandbox/products/{productId}"))).EnsureSuccessStatusCode();
        (await http.PostAsync(new Uri(admin, "admin/sandbox/app/uninstall"), null)).EnsureSuccessStatusCode();
        await server.Sandbox.Webhooks.WhenIdleAsync();

        Assert.Equal(
            ["app/uninstalled", "collections/create", "collections/delete", "collections/update", "discounts/create", "discounts/delete", "discounts/update", "products/create", "products/delete"],
            receiver.Requests.Select(r => r.Headers["X-Shopify-Topic"]).Order());
        using var afterUninstall = await client.PostAsync("{ shop { id } }");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, afterUninstall.StatusCode);
        Assert.Empty(server.Sandbox.GetStore(Shop).Webhooks);
    }

    [Fact]
    public async Task Uninstall_names_the_shop_in_the_payload_and_revokes_the_token_and_compliance_topics_go_to_the_configured_address()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await ShopifySandboxServer.StartAsync(SandboxFixture.Options(o => o.ComplianceWebhookUri = new Uri(receiver.Url)));
        using var http = new HttpClient();
        var client = new SandboxClient(server, Shop, http);
        await SubscribeAsync(client, "APP_UNINSTALLED", receiver.Url);
        using (var before = await client.PostAsync(AdminDocuments.Load("Ping")))
            Assert.Equal(System.Net.HttpStatusCode.OK, before.StatusCode);

        using (var uninstall = await http.PostAsync(new Uri(server.ShopUri(Shop), "admin/sandbox/app/uninstall"), null))
            uninstall.EnsureSuccessStatusCode();
        foreach (var topic in new[] { "shop/redact", "customers/redact", "customers/data_request" })
            using (var compliance = await http.PostAsync(new Uri(server.ShopUri(Shop), $"admin/sandbox/compliance/{topic}?customerId=42"), null))
                compliance.EnsureSuccessStatusCode();
        await server.Sandbox.Webhooks.WhenIdleAsync();

        // Shopify revokes the app's tokens on uninstall: the same call now answers 401.
        using (var after = await client.PostAsync(AdminDocuments.Load("Ping")))
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, after.StatusCode);
        var received = receiver.Requests.ToDictionary(r => r.Headers["X-Shopify-Topic"], r => JsonNode.Parse(r.Body)!);
        Assert.Equal(["app/uninstalled", "customers/data_request", "customers/redact", "shop/redact"], received.Keys.Order());
        Assert.All(receiver.Requests, r => Assert.True(new ShopifyWebhookHmac("sandbox-api-secret").IsValid(r.Body, r.Headers[ShopifyWebhookHmac.HeaderName])));
        Assert.Equal(Shop, received["app/uninstalled"]["myshopify_domain"]!.GetValue<string>());
        Assert.Equal(Shop, received["app/uninstalled"]["domain"]!.GetValue<string>());
        foreach (var topic in new[] { "shop/redact", "customers/redact", "customers/data_request" })
        {
            Assert.Equal(Shop, received[topic]["shop_domain"]!.GetValue<string>());
            Assert.Equal(1, received[topic]["shop_id"]!.GetValue<long>());
        }
        Assert.Equal(42, received["customers/redact"]["customer"]!["id"]!.GetValue<long>());
        Assert.NotNull(received["customers/redact"]["orders_to_redact"]);
        Assert.NotNull(received["customers/data_request"]["data_request"]!["id"]);
    }
}
