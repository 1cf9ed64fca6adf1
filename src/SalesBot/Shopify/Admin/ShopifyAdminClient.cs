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
/// (learned from <c>extensions.cost</c>) and retries <c>THROTTLED</c>; HTTP 429, 5xx and network failures are
/// retried beneath it by the <see cref="AdminTransport"/> pipeline. Any other error is a <see cref="ShopifyApiException"/>.
/// The token comes from an <see cref="IAccessTokenSource"/>: asked again when its grant is due, and once
/// more (then the call is resent once) when Shopify answers 401.
/// </summary>
public sealed class ShopifyAdminClient(
    HttpClient http,
    Uri endpoint,
    string shop,
    IAccessTokenSource tokens,
    ShopThrottle throttle,
    TimeProvider time,
    ILogger logger)
{
    public ShopifyAdminClient(HttpClient http, Uri endpoint, string shop, string accessToken, ShopThrottle throttle, TimeProvider time, ILogger logger)
        : this(http, endpoint, shop, new FixedAccessToken(accessToken), throttle, time, logger)
    {
    }

    private const string ThrottledCode = "THROTTLED";
    // THROTTLED answers cost nothing and each one waits for the bucket, so a long fetch may meet many.
    private const int MaxThrottledAttempts = 60;
    private readonly ConcurrentDictionary<string, double> _lastCost = new(StringComparer.Ordinal);
    private AccessGrant? _grant;

    public string Shop { get; } = shop;

    public AdminCallStats Stats { get; } = new();

    public ThrottleStatus? LastThrottleStatus => throttle.Last;

    /// <summary>What the last run of <paramref name="document"/> was said to cost, if it ran.</summary>
    public double? LastRequestedCost(string document) => _lastCost.TryGetValue(document, out var c) ? c : null;

    /// <summary>Runs a document from <see cref="GraphQlDocuments"/> and returns its <c>data</c>.</summary>
    public async Task<T> QueryAsync<T>(string document, JsonObject? variables, JsonTypeInfo<T> dataType, CancellationToken cancellationToken)
    {
        var body = BuildBody(GraphQlDocuments.Get(document), variables);
        var throttled = 0;
        while (true)
        {
            var wait = throttle.DelayFor(_lastCost.GetValueOrDefault(document, 0));
            if (wait > TimeSpan.Zero) await Task.Delay(wait, time, cancellationToken);

            var outcome = await SendOnceAsync(body, cancellationToken);
            if (outcome.Data is { } data)
            {
                if (outcome.RequestedCost is { } requested) _lastCost[document] = requested;
                throttle.RecordQuery(new AdminQueryCost(document, outcome.RequestedCost ?? 0, outcome.ActualCost ?? 0, time.GetUtcNow(), throttled));
                return data.Deserialize(dataType) ?? throw new ShopifyApiException($"{document}: the response had no data.");
            }
            // Only THROTTLED comes back here: transport failures were retried by the resilience pipeline already.
            if (++throttled >= MaxThrottledAttempts)
                throw new ShopifyApiException($"{document}: still throttled after {throttled} attempts.", statusCode: outcome.StatusCode, transient: true);

            Stats.AddRetry();
            var delay = outcome.RetryAfter ?? TimeSpan.FromMilliseconds(250);
            logger.LogInformation("Shopify {Shop}: {Document} throttled; retrying in {Delay:0.0}s (attempt {Attempt})",
                Shop, document, delay.TotalSeconds, throttled + 1);
            await Task.Delay(delay, time, cancellationToken);
        }
    }

    /// <summary>The token to send: the one held until its grant is due, else a fresh one from the source.</summary>
    private async Task<AccessGrant> GrantAsync(CancellationToken cancellationToken)
    {
        if (_grant is { } held && (held.RenewAt is null || held.RenewAt > time.GetUtcNow())) return held;
        return _grant = await tokens.GetAsync(Shop, cancellationToken) ?? throw NoToken();
    }

    private ShopifyApiException NoToken() =>
        new($"There is no usable access token for {Shop}: the shop is not installed or must be authorized again.", ShopifyApiException.NoAccessToken, 401);

    private async Task<Outcome> SendOnceAsync(byte[] body, CancellationToken cancellationToken)
    {
        var grant = await GrantAsync(cancellationToken);
        var response = await PostAsync(body, grant.Token, cancellationToken);
        if (response is { StatusCode: HttpStatusCode.Unauthorized })
        {
            // Shopify answers 401 only to a token it does not accept (expired, revoked): renew it once and resend.
            response.Dispose();
            _grant = await tokens.RenewAsync(Shop, grant.Token, cancellationToken)
                ?? throw new ShopifyApiException($"Shopify refused the access token for {Shop} (HTTP 401).", statusCode: 401);
            response = await PostAsync(body, _grant.Token, cancellationToken);
        }
        return await ReadAsync(response, cancellationToken);
    }

    /// <summary>The response; a network failure the resilience pipeline gave up on is a transient <see cref="ShopifyApiException"/>.</summary>
    private async Task<HttpResponseMessage> PostAsync(byte[] body, string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Shopify-Access-Token", accessToken);
        request.Options.Set(AdminTransport.StatsKey, Stats);
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException
                                      or Polly.CircuitBreaker.BrokenCircuitException
                                  || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new ShopifyApiException($"Shopify {Shop} could not be reached: {e.Message}", statusCode: (int?)(e as HttpRequestException)?.StatusCode, transient: true, inner: e);
        }
    }

    private async Task<Outcome> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        {
            var status = (int)response.StatusCode;
            // The pipeline retried these already; what is left is an outage that may pass, not a refusal.
            if (response.StatusCode == HttpStatusCode.TooManyRequests || status >= 500)
                throw new ShopifyApiException($"Shopify {Shop} kept answering HTTP {status}.", statusCode: status, transient: true);
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
                if (first == ThrottledCode)
                {
                    Stats.AddThrottled();
                    Stats.AddQuery(0, 0);
                    var needed = cost?.Requested ?? 0;
                    // A query that costs more than the whole bucket can never run: ask for a smaller page.
                    if (needed > throttle.Maximum)
                        throw new ShopifyApiException($"A query costing {needed} exceeds {Shop}'s bucket of {throttle.Maximum} points.",
                            ShopifyApiException.MaxCostExceeded, status);
                    var wait = throttle.DelayFor(needed);
                    return Outcome.Throttled(status, wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(250));
                }
                var messages = string.Join("; ", errors.Select(e => e?["message"]?.GetValue<string>()).Where(m => m is not null));
                throw new ShopifyApiException($"Shopify GraphQL error: {messages}", first, status);
            }
            Stats.AddQuery(cost?.Requested ?? 0, cost?.Actual ?? 0);
            return new Outcome(json["data"], null, status, cost?.Requested, cost?.Actual);
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

    private static byte[] BuildBody(string query, JsonObject? variables)
    {
        var body = new JsonObject { ["query"] = query };
        if (variables is not null) body["variables"] = variables.DeepClone();
        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }

    /// <summary>The data of an answered query, or (no data) a THROTTLED answer with how long to wait.</summary>
    private sealed record Outcome(JsonNode? Data, TimeSpan? RetryAfter, int? StatusCode, double? RequestedCost, double? ActualCost = null)
    {
        public static Outcome Throttled(int status, TimeSpan after) => new(null, after, status, null);
    }
}
