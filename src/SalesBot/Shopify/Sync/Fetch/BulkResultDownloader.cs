using System.Net;
using Microsoft.Extensions.Options;
using SalesBot.Configuration;
using SalesBot.Shopify.Admin;

namespace SalesBot.Shopify.Sync.Fetch;

/// <summary>
/// Opens a bulk export's result link as a stream. Shopify hands out a pre-signed https storage link, so only https is
/// fetched (plain http only from the shop's own Admin API origin, which is how the sandbox serves it), without the
/// access token, with no redirect to another host, and no bigger than <see cref="ShopifyOptions.BulkMaxBytes"/>.
/// Every refusal is a <see cref="ShopifyApiException"/>, so the caller falls back to pages as for any bulk failure.
/// </summary>
public sealed class BulkResultDownloader(IHttpClientFactory httpClients, IOptions<ShopifyOptions> options)
{
    public const string HttpClientName = "shopify-bulk-result";
    private const int MaxRedirects = 3;

    public long MaxBytes => options.Value.BulkMaxBytes;

    /// <summary>The response, its headers read and its body not yet; the caller disposes it.</summary>
    public async Task<HttpResponseMessage> OpenAsync(string shop, string url, CancellationToken cancellationToken)
    {
        var adminOrigin = options.Value.AdminOrigin(shop);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var target))
            throw new ShopifyApiException($"The bulk export of {shop} gave a result link that is not an absolute URL.");
        Refuse(shop, target, adminOrigin);

        using var http = httpClients.CreateClient(HttpClientName);
        for (var hop = 0; ; hop++)
        {
            HttpResponseMessage response;
            try
            {
                response = await http.GetAsync(target, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                throw new ShopifyApiException($"The bulk export file of {shop} could not be downloaded from {target.Host}: {e.Message}", inner: e);
            }
            // A client that followed a redirect by itself must not have left the host either.
            if (response.RequestMessage?.RequestUri is { } final && !SameOrigin(final, target))
            {
                response.Dispose();
                throw new ShopifyApiException($"The bulk export file of {shop} was redirected from {target.Host} to another host ({final.Host}); refused.");
            }
            if (IsRedirect(response.StatusCode))
            {
                var location = response.Headers.Location;
                response.Dispose();
                if (location is null)
                    throw new ShopifyApiException($"The bulk export file of {shop} answered a redirect without a location.");
                var next = new Uri(target, location);
                if (!SameOrigin(next, target))
                    throw new ShopifyApiException($"The bulk export file of {shop} redirects from {target.Host} to another host ({next.Host}); refused.");
                if (hop + 1 > MaxRedirects)
                    throw new ShopifyApiException($"The bulk export file of {shop} redirected more than {MaxRedirects} times.");
                target = next;
                continue;
            }
            if (!response.IsSuccessStatusCode)
            {
                response.Dispose();
                throw new ShopifyApiException($"The bulk export file of {shop} could not be downloaded (HTTP {(int)response.StatusCode}).");
            }
            if (response.Content.Headers.ContentLength > MaxBytes)
            {
                var length = response.Content.Headers.ContentLength;
                response.Dispose();
                throw new ShopifyApiException($"The bulk export file of {shop} is {length:N0} bytes, over the {MaxBytes:N0}-byte cap (SHOPIFY_BULK_MAX_BYTES).");
            }
            return response;
        }
    }

    /// <summary>Only https, or the shop's own Admin API origin (the sandbox serves results there over plain http).</summary>
    private static void Refuse(string shop, Uri target, Uri adminOrigin)
    {
        if (target.Scheme == Uri.UriSchemeHttps || SameOrigin(target, adminOrigin)) return;
        throw new ShopifyApiException($"The bulk export of {shop} gave a result link that is not https ({target.Scheme}://{target.Host}); refused.");
    }

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
}
