namespace SalesBot;

/// <summary>Reads a webhook's raw body (signatures cover the exact bytes) without letting it grow past a limit.</summary>
public static class RequestBody
{
    /// <summary>Shopify and Meta payloads are far smaller; anything larger is refused with 413.</summary>
    public const int WebhookLimit = 1024 * 1024;

    /// <summary>The whole body, or null once it passes <paramref name="limit"/> (chunked bodies have no length to check up front).</summary>
    public static async Task<byte[]?> ReadBoundedAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
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

    public static string TooLargeMessage(int limit) => $"The body is larger than {limit} bytes.";
}
