using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using SalesBot.Sandbox.Shopify;

namespace SalesBot.Tests.Sandbox;

/// <summary>Shopify's cost limits: per-query maximum, leaky bucket, and HTTP 429 on request.</summary>
public sealed class ThrottlingTests
{
    private const string Products = "query P($first: Int!) { products(first: $first) { nodes { id title variants(first: 10) { nodes { id price } } } } }";

    [Fact]
    public async Task Tiny_bucket_answers_THROTTLED_until_it_refills()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await ShopifySandboxServer.StartAsync(SandboxFixture.Options(o =>
        {
            o.ThrottleBucketSize = 50;
            o.ThrottleRestoreRate = 10;
            o.TimeProvider = time;
        }));
        using var http = new HttpClient();
        var client = new SandboxClient(server, SandboxClient.DefaultShop, http);

        // first: 3 → 2 + 3 × (1 + 2 + 10 × 1) = 41 points requested.
        var first = await client.QueryAsync(Products, new { first = 3 });
        Assert.Null(first["errors"]);
        Assert.Equal(41, first["extensions"]!["cost"]!["requestedQueryCost"]!.GetValue<int>());
        var actual = first["extensions"]!["cost"]!["actualQueryCost"]!.GetValue<int>();
        Assert.InRange(actual, 1, 41);
        Assert.Equal(50 - actual, first["extensions"]!["cost"]!["throttleStatus"]!["currentlyAvailable"]!.GetValue<double>());

        var throttled = await client.QueryAsync(Products, new { first = 3 });
        var error = throttled["errors"]![0]!;
        Assert.Equal("Throttled", error["message"]!.GetValue<string>());
        Assert.Equal("THROTTLED", error["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("https://shopify.dev/api/usage/rate-limits", error["extensions"]!["documentation"]!.GetValue<string>());
        Assert.Equal(41, throttled["extensions"]!["cost"]!["requestedQueryCost"]!.GetValue<int>());
        Assert.Equal(1, server.Sandbox.GetStore(client.Shop).ThrottledCount);

        time.Advance(TimeSpan.FromSeconds(5));
        var again = await client.QueryAsync(Products, new { first = 3 });
        Assert.Null(again["errors"]);
        var log = server.Sandbox.QueryLog(client.Shop);
        Assert.Equal([false, true, false], log.Select(e => e.Throttled));
        Assert.All(log, e => Assert.Equal("P", e.OperationName));
    }

    [Fact]
    public async Task Oversized_query_is_refused_with_MAX_COST_EXCEEDED()
    {
        await using var server = await ShopifySandboxServer.StartAsync(SandboxFixture.Options());
        using var http = new HttpClient();
        var client = new SandboxClient(server, SandboxClient.DefaultShop, http);

        var answer = await client.QueryAsync("{ products(first: 250) { nodes { id variants(first: 250) { nodes { id } } } } }");

        var error = answer["errors"]![0]!;
        Assert.Equal("MAX_COST_EXCEEDED", error["extensions"]!["code"]!.GetValue<string>());
        Assert.StartsWith("Query cost is ", error["message"]!.GetValue<string>());
        Assert.Null(answer["data"]);
        Assert.True(answer["extensions"]!["cost"]!["requestedQueryCost"]!.GetValue<int>() > 1000);
        Assert.Equal(1000, answer["extensions"]!["cost"]!["throttleStatus"]!["currentlyAvailable"]!.GetValue<double>());
    }

    [Fact]
    public async Task First_above_250_is_an_error()
    {
        await using var server = await ShopifySandboxServer.StartAsync(SandboxFixture.Options());
        using var http = new HttpClient();
        var client = new SandboxClient(server, SandboxClient.DefaultShop, http);

        var answer = await client.QueryAsync("{ collections(first: 251) { nodes { id } } }");

        Assert.Contains("250", answer["errors"]![0]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_nth_request_gets_429_with_retry_after()
    {
        await using var server = await ShopifySandboxServer.StartAsync(SandboxFixture.Options(o => o.FailEveryNthRequest = 3));
        using var http = new HttpClient();
        var client = new SandboxClient(server, SandboxClient.DefaultShop, http);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await client.PostAsync("{ shop { id } }");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(2, server.Sandbox.TooManyRequestsCount);
    }

    [Fact]
    public async Task Missing_or_wrong_token_is_401_like_shopify()
    {
        await using var server = await ShopifySandboxServer.StartAsync(SandboxFixture.Options());
        using var http = new HttpClient();
        var client = new SandboxClient(server, SandboxClient.DefaultShop, http);

        using var response = await client.PostAsync("{ shop { id } }", token: "shpat_wrong");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("[API] Invalid API key or access token (unrecognized login or wrong password)", body["errors"]!.GetValue<string>());
    }

    [Fact]
    public async Task Validation_errors_use_shopify_shape_and_still_report_cost()
    {
        await using var server = await ShopifySandboxServer.StartAsync(SandboxFixture.Options());
        using var http = new HttpClient();
        var client = new SandboxClient(server, SandboxClient.DefaultShop, http);

        var answer = await client.QueryAsync("{ shop { id notAField } }");

        var error = answer["errors"]![0]!;
        Assert.Equal("undefinedField", error["extensions"]!["code"]!.GetValue<string>());
        Assert.NotNull(error["locations"]);
        Assert.NotNull(answer["extensions"]!["cost"]);
    }
}
