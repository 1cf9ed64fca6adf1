using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using GraphQL.SystemTextJson;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SalesBot.Sandbox.Shopify.Store;

namespace SalesBot.Sandbox.Shopify.GraphQL;

/// <summary><c>POST admin/api/{version}/graphql.json</c> and the bulk operation result download.</summary>
internal static class AdminGraphQlApi
{
    private static readonly GraphQLSerializer Serializer = new();

    public static void MapAdminGraphQl(this RouteGroupBuilder shop)
    {
        shop.MapPost("/admin/api/{version}/graphql.json", ExecuteAsync).DisableAntiforgery();
        shop.MapGet("/bulk/{id:long}.jsonl", BulkResult);
    }

    private static async Task<IResult> ExecuteAsync(string shop, HttpRequest request, ShopifySandbox sandbox, CancellationToken cancellationToken)
    {
        var store = sandbox.GetStore(shop);
        var token = request.Headers["X-Shopify-Access-Token"].ToString();
        // Shopify's answer to an unknown, expired or revoked token: 401 with a string under "errors".
        if (store.Tokens.Refusal(token) is { } refusal)
            return Results.Json(new { errors = refusal }, statusCode: StatusCodes.Status401Unauthorized);
        if (sandbox.NextRequestIsServerError())
            return Results.Json(new { errors = "Service Unavailable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        if (sandbox.NextRequestIsTooMany())
        {
            request.HttpContext.Response.Headers.RetryAfter = "1";
            return Results.Json(new { errors = "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service." },
                statusCode: StatusCodes.Status429TooManyRequests);
        }

        GraphQLRequest? body;
        try
        {
            body = await Serializer.ReadAsync<GraphQLRequest>(request.Body, cancellationToken);
        }
        catch (JsonException)
        {
            body = null;
        }
        if (body?.Query is not { Length: > 0 })
            return Results.Json(new { errors = new { query = "Required parameter missing or invalid" } }, statusCode: StatusCodes.Status400BadRequest);

        var answer = await sandbox.GraphQl.ExecuteAsync(store, body, sandbox.BaseUri, cancellationToken);
        return Results.Text(answer.ToJsonString(), "application/json; charset=utf-8");
    }

    private static IResult BulkResult(string shop, long id, HttpRequest request, ShopifySandbox sandbox)
    {
        var store = sandbox.GetStore(shop);
        if (!store.BulkOperations.TryGetValue(id, out StoreBulkOperation? operation) || operation.Result is not { } result)
            return Results.NotFound();
        if (sandbox.Options.BulkResultRedirect is { } moved && !string.Equals(request.Host.Value, moved.Authority, StringComparison.OrdinalIgnoreCase))
            return Results.Redirect(new Uri(moved, $"{request.PathBase}{request.Path}").ToString());
        operation.CountDownload();
        return Results.Bytes(result, "application/jsonl");
    }
}
