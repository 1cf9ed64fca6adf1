using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SalesBot.Configuration;
using SalesBot.Shopify.Auth;
using SalesBot.Signing;

namespace SalesBot.Shopify.Webhooks;

/// <summary>
/// Proves the webhook address works from the outside in: a signed synthetic delivery is posted to
/// <c>SHOPIFY_WEBHOOK_ADDRESS</c> (the public URL, not localhost) and must be accepted.
/// </summary>
public sealed class WebhookSelfTest(HttpClient http, IOptions<ShopifyOptions> options, TimeProvider time)
{
    public const string Topic = "salesbot/self_test";

    public async Task<string?> RunAsync(string shop, string address, CancellationToken cancellationToken)
    {
        // A fresh nonce makes every signed test body unique, and it names no shop field the compliance topics read,
        // so a copy of it sent with another topic and shop header can never pass as an uninstall or a redact.
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var body = Encoding.UTF8.GetBytes($$"""{"test":true,"nonce":"{{nonce}}","shop":"{{shop}}"}""");
        using var request = new HttpRequestMessage(HttpMethod.Post, address) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var eventId = $"self-test-{Guid.NewGuid():N}";
        request.Headers.Add(ShopifyWebhookHmac.HeaderName, new ShopifyWebhookHmac(ShopifyCredentials.From(options.Value).ApiSecret).Sign(body));
        request.Headers.Add(WebhookHeaders.Topic, Topic);
        request.Headers.Add(WebhookHeaders.ShopDomain, shop);
        request.Headers.Add(WebhookHeaders.ApiVersion, options.Value.ApiVersion);
        request.Headers.Add(WebhookHeaders.WebhookId, eventId);
        request.Headers.Add(WebhookHeaders.EventId, eventId);
        request.Headers.Add(WebhookHeaders.TriggeredAt, time.GetUtcNow().ToString("O"));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode ? null : $"{address} answered HTTP {(int)response.StatusCode} to a signed test delivery.";
        }
        catch (HttpRequestException e)
        {
            return $"{address} could not be reached: {e.Message}";
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"{address} did not answer within {http.Timeout.TotalSeconds:0}s.";
        }
    }
}
