using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace SalesBot.Shopify.Webhooks;

/// <summary><c>POST /shopify/webhook</c>: every topic, compliance ones included, lands here.</summary>
public static class ShopifyWebhookApi
{
    public static RouteHandlerBuilder MapShopifyWebhooks(this IEndpointRouteBuilder app) =>
        app.MapPost("/shopify/webhook", ReceiveAsync).WithTags("Shopify webhooks");

    private static async Task<Results<Ok<WebhookAck>, JsonHttpResult<ApiError>>> ReceiveAsync(HttpContext http, WebhookIngest ingest)
    {
        if (http.Request.ContentLength > WebhookIngest.MaxBodyBytes)
            return TypedResults.Json(new ApiError($"The body is larger than {WebhookIngest.MaxBodyBytes} bytes."), statusCode: 413);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = WebhookIngest.MaxBodyBytes;

        var body = await ReadBoundedAsync(http.Request.Body, WebhookIngest.MaxBodyBytes, http.RequestAborted);
        if (body is null)
            return TypedResults.Json(new ApiError($"The body is larger than {WebhookIngest.MaxBodyBytes} bytes."), statusCode: 413);

        var result = await ingest.AcceptAsync(body, name => http.Request.Headers[name].FirstOrDefault(), http.RequestAborted);
        return result.StatusCode == 200
            ? TypedResults.Ok(new WebhookAck(result.Message))
            : TypedResults.Json(new ApiError(result.Message), statusCode: result.StatusCode);
    }

    /// <summary>The whole body, or null once it passes <paramref name="limit"/> (chunked bodies have no length to check up front).</summary>
    internal static async Task<byte[]?> ReadBoundedAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit) return null;
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        return buffer.ToArray();
    }
}

public sealed record WebhookAck(string Status);
