using Microsoft.AspNetCore.Http.HttpResults;

namespace SalesBot.Shopify.Webhooks;

/// <summary><c>POST /shopify/webhook</c>: every topic, compliance ones included, lands here.</summary>
public static class ShopifyWebhookApi
{
    public static RouteHandlerBuilder MapShopifyWebhooks(this IEndpointRouteBuilder app) =>
        app.MapPost("/shopify/webhook", ReceiveAsync).WithTags("Shopify webhooks");

    private static async Task<Results<Ok<WebhookAck>, JsonHttpResult<ApiError>>> ReceiveAsync(HttpContext http, WebhookIngest ingest)
    {
        var body = await RequestBody.ReadBoundedAsync(http.Request, RequestBody.WebhookLimit, http.RequestAborted);
        if (body is null)
            return TypedResults.Json(new ApiError(RequestBody.TooLargeMessage(RequestBody.WebhookLimit)), statusCode: 413);

        var result = await ingest.AcceptAsync(body, name => http.Request.Headers[name].FirstOrDefault(), http.RequestAborted);
        return result.StatusCode == 200
            ? TypedResults.Ok(new WebhookAck(result.Message))
            : TypedResults.Json(new ApiError(result.Message), statusCode: result.StatusCode);
    }
}

public sealed record WebhookAck(string Status);
