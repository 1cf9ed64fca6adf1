using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace SalesBot.Shopify.Admin;

/// <summary>
/// The Admin API's transport on the standard resilience pipeline: network errors, timeouts, HTTP 429 (its
/// <c>Retry-After</c> honoured) and 5xx are retried with jittered exponential backoff, one pipeline and circuit
/// per shop host so one failing store cannot open the circuit for the others. GraphQL-level throttling
/// (<c>THROTTLED</c>, cost) stays in <see cref="ShopifyAdminClient"/>, which knows the bucket.
/// </summary>
public static class AdminTransport
{
    /// <summary>Set on each request so the pipeline's retries count in that client's fetch report.</summary>
    public static readonly HttpRequestOptionsKey<AdminCallStats> StatsKey = new("SalesBot.AdminCallStats");

    public static IHttpClientBuilder AddShopifyAdminTransport(this IServiceCollection services, string name)
    {
        var builder = services.AddHttpClient(name, c => c.Timeout = Timeout.InfiniteTimeSpan);   // the pipeline times out, not HttpClient
        builder.AddStandardResilienceHandler(Configure).SelectPipelineByAuthority();
        return builder;
    }

    private static void Configure(HttpStandardResilienceOptions o)
    {
        o.Retry.MaxRetryAttempts = 7;
        o.Retry.BackoffType = DelayBackoffType.Exponential;
        o.Retry.UseJitter = true;
        o.Retry.Delay = TimeSpan.FromMilliseconds(200);
        o.Retry.MaxDelay = TimeSpan.FromSeconds(30);
        o.Retry.OnRetry = args =>
        {
            if (args.Context.GetRequestMessage()?.Options.TryGetValue(StatsKey, out var stats) == true)
            {
                stats.AddRetry();
                if (args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests) stats.AddThrottled();
            }
            return ValueTask.CompletedTask;
        };
        o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(60);
        o.TotalRequestTimeout.Timeout = TimeSpan.FromMinutes(5);
        // 429 is the shop's rate limit talking, not an outage: it never opens the circuit; half the calls failing for two minutes does.
        o.CircuitBreaker.SamplingDuration = TimeSpan.FromMinutes(2);   // at least twice the attempt timeout
        o.CircuitBreaker.FailureRatio = 0.5;
        o.CircuitBreaker.ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
        {
            { Exception: HttpRequestException or Polly.Timeout.TimeoutRejectedException } => true,
            { Result: { } response } => (int)response.StatusCode >= 500,
            _ => false,
        });
    }
}
