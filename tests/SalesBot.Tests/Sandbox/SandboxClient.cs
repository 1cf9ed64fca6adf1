using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SalesBot.Sandbox.Shopify;

namespace SalesBot.Tests.Sandbox;

/// <summary>An Admin GraphQL client for one shop of a running sandbox, holding a token granted directly.</summary>
internal sealed class SandboxClient(ShopifySandboxServer server, string shop, HttpClient http)
{
    public const string DefaultShop = "demo-store.myshopify.com";

    public string Shop => shop;
    public string Token { get; } = server.Sandbox.GetStore(shop).IssueAccessToken("read_products,read_inventory,read_discounts");
    public HttpClient Http => http;

    public Uri GraphQlUri => new(server.ShopUri(shop), "admin/api/2026-01/graphql.json");

    public async Task<HttpResponseMessage> PostAsync(string query, object? variables = null, string? operationName = null, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, GraphQlUri)
        {
            Content = JsonContent.Create(new { query, variables, operationName }),
        };
        request.Headers.Add("X-Shopify-Access-Token", token ?? Token);
        return await http.SendAsync(request);
    }

    public async Task<JsonObject> QueryAsync(string query, object? variables = null)
    {
        using var response = await PostAsync(query, variables);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }
}
