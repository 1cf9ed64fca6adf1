using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
namespace SalesBot.Shopify.Admin;

/// <summary>
/// Admin GraphQL for one shop. Cost-aware: it waits for the bucket to hold what a query will cost
/// (learned from <c>extensions.cost</c>), retries <c>THROTTLED</c>, HTTP 429 (honouring <c>Retry-After</c>)
/// and 5xx with bounded backoff, and turns any other error into a <see cref="ShopifyApiException"/>.
/// </summary>
public sealed class ShopifyAdminClient(
    HttpClient http,
    Uri endpoint,
    string shop,
    string accessToken,
    ShopThrottle throttle,
    TimeProvider time,
    ILogger logger)
{
    private const int MaxAttempts = 8;
    private const string Throttled = "THROTTLED";
    // THROTTLED answers cost nothing and each one waits for the bucket, so a long fetch may meet many.
    private const int MaxThrottledAttempts = 60;
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, double> _lastCost = new(StringComparer.Ordinal);

    public string Shop { get; } = shop;

    public AdminCallStats Stats { get; } = new();

    public ThrottleStatus? LastThrottleStatus => throttle.Last;

    /// <summary>What the last run of <paramref name="document"/> was said to cost, if it ran.</summary>
    public double? LastRequestedCost(string document) => _lastCost.TryGetValue(document, out var c) ? c : null;

    /// <summary>Runs a document from <see cref="GraphQlDocuments"/> and returns its <c>data</c>.</summary>
    public async Task<T> QueryAsync<T>(string document, JsonObject? variables, JsonTypeInfo<T> dataType, CancellationToken cancellationToken)
    {
        var body = BuildBody(GraphQlDocuments.Get(document), variables);
        int failures = 0, throttled = 0;
        while (true)
        {
            var wait = throttle.DelayFor(_lastCost.GetValueOrDefault(document, 0));
            if (wait > TimeSpan.Zero) await Task.Delay(wait, time, cancellationToken);

            var outcome = await SendOnceAsync(body, cancellationToken);
            if (outcome.Data is { } data)
            {
                if (outcome.RequestedCost is { } requested) _lastCost[document] = requested;
                return data.Deserialize(dataType) ?? throw new ShopifyApiException($"{document}: the response had no data.");
            }
            if (outcome.IsThrottled) throttled++;
            else failures++;
            if (failures >= MaxAttempts || throttled >= MaxThrottledAttempts)
                throw new ShopifyApiException($"{document}: gave up after {failures + throttled} attempts ({outcome.RetryReason}).", statusCode: outcome.StatusCode, transient: true);

            Stats.AddRetry();
            var delay = outcome.RetryAfter ?? Backoff(Math.Max(failures, 1));
            logger.LogInformation("Shopify {Shop}: {Document} {Reason}; retrying in {Delay:0.0}s (attempt {Attempt})",
                Shop, document, outcome.RetryReason, delay.TotalSeconds, failures + throttled + 1);
            await Task.Delay(delay, time, cancellationToken);
        }
    }

    private async Task<Outcome> SendOnceAsync(byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Shopify-Access-Token", accessToken);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            return Outcome.Retry($"network error: {e.Message}", (int?)e.StatusCode);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Outcome.Retry("request timed out", null);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Stats.AddThrottled();
                return Outcome.Retry("HTTP 429", status, RetryAfter(response) ?? TimeSpan.FromSeconds(1));
            }
            if (status >= 500) return Outcome.Retry($"HTTP {status}", status);
            if (status is 401 or 403)
                throw new ShopifyApiException($"Shopify refused the access token for {Shop} (HTTP {status}).", statusCode: status);
            if (status == 404)
                throw new ShopifyApiException($"Shopify has no Admin API at this address for {Shop} (HTTP 404).", statusCode: status);
            if (!response.IsSuccessStatusCode)
                throw new ShopifyApiException($"Shopify answered HTTP {status} for {Shop}.", statusCode: status);

            var json = JsonNode.Parse(await response.Content.ReadAsStreamAsync(cancellationToken)) as JsonObject
                ?? throw new ShopifyApiException($"Shopify sent a response that is not a JSON object for {Shop}.");
            var cost = ReadCost(json);
            if (json["errors"] is JsonArray { Count: > 0 } errors)
            {
                var first = errors[0]?["extensions"]?["code"]?.GetValue<string>();
                if (first == Throttled)
                {
                    Stats.AddThrottled();
                    Stats.AddQuery(0, 0);
                    var needed = cost?.Requested ?? 0;
                    // A query that costs more than the whole bucket can never run: ask for a smaller page.
                    if (needed > throttle.Maximum)
                        throw new ShopifyApiException($"A query costing {needed} exceeds {Shop}'s bucket of {throttle.Maximum} points.",
                            ShopifyApiException.MaxCostExceeded, status);
                    var wait = throttle.DelayFor(needed);
                    return Outcome.Retry(Throttled, status, wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(250));
                }
                var messages = string.Join("; ", errors.Select(e => e?["message"]?.GetValue<string>()).Where(m => m is not null));
                throw new ShopifyApiException($"Shopify GraphQL error: {messages}", first, status);
            }
            Stats.AddQuery(cost?.Requested ?? 0, cost?.Actual ?? 0);
            return new Outcome(json["data"], null, null, status, cost?.Requested);
        }
    }

    private (double Requested, double Actual)? ReadCost(JsonObject json)
    {
        if (json["extensions"]?["cost"] is not JsonObject cost) return null;
        if (cost["throttleStatus"] is JsonObject t)
            throttle.Observe(new ThrottleStatus(
                t["maximumAvailable"]?.GetValue<double>() ?? 1000,
                t["currentlyAvailable"]?.GetValue<double>() ?? 0,
                t["restoreRate"]?.GetValue<double>() ?? 50));
        return (cost["requestedQueryCost"]?.GetValue<double>() ?? 0, cost["actualQueryCost"]?.GetValue<double>() ?? 0);
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return Clamp(delta);
        if (response.Headers.TryGetValues("Retry-After", out var values)
            && double.TryParse(values.FirstOrDefault(), System.Globalization.CultureInfo.InvariantCulture, out var seconds))
            return Clamp(TimeSpan.FromSeconds(seconds));
        return null;
    }

    private static TimeSpan Clamp(TimeSpan delay) => delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxBackoff ? MaxBackoff : delay;

    private static TimeSpan Backoff(int attempt) =>
        Clamp(TimeSpan.FromMilliseconds(200 * Math.Pow(2, Math.Min(attempt - 1, 8)) * (0.8 + Random.Shared.NextDouble() * 0.4)));

    private static byte[] BuildBody(string query, JsonObject? variables)
    {
        var body = new JsonObject { ["query"] = query };
        if (variables is not null) body["variables"] = variables.DeepClone();
        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }

    private sealed record Outcome(JsonNode? Data, string? RetryReason, TimeSpan? RetryAfter, int? StatusCode, double? RequestedCost)
    {
        public bool IsThrottled => RetryReason == Throttled;

        public static Outcome Retry(string reason, int? status, TimeSpan? after = null) => new(null, reason, after, status, null);
    }
}
