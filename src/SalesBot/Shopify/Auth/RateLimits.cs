using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;

namespace SalesBot.Shopify.Auth;

/// <summary>Requests per minute allowed before a 429; generous for people, tight for scripts.</summary>
public sealed class RateLimitOptions
{
    /// <summary>The OAuth entry points (Shopify install, login and callback; Facebook connect and callback; console sign-in), per client IP.</summary>
    [ConfigurationKeyName("RATE_LIMIT_SIGN_IN_PER_MINUTE"), Range(1, 1_000_000)]
    public int SignInPerMinute { get; set; } = 120;

    /// <summary>The merchant console's pages and streams, per signed-in shop (per client IP before sign-in).</summary>
    [ConfigurationKeyName("RATE_LIMIT_CONSOLE_PER_MINUTE"), Range(1, 1_000_000)]
    public int ConsolePerMinute { get; set; } = 600;
}

/// <summary>
/// ASP.NET Core's rate limiter with two endpoint policies. Sign-in is partitioned by the client's address: it runs
/// before anyone is known, and each attempt writes an OAuth state row. The console is partitioned by the session's shop,
/// so one merchant's busy tabs never slow another's. The address is <c>Connection.RemoteIpAddress</c>, which the
/// forwarded-headers middleware sets to the client's behind the platform's proxy.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Console = "console";

    public static WebApplicationBuilder AddRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration("").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<Microsoft.Extensions.Options.IOptions<RateLimitOptions>>((o, limits) =>
        {
            var perMinute = limits.Value;
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignIn, context => PerMinute("ip:" + ClientAddress(context), perMinute.SignInPerMinute));
            o.AddPolicy(Console, context => PerMinute(
                MerchantSession.From(context.User) is { } session ? "shop:" + session.Shop : "ip:" + ClientAddress(context),
                perMinute.ConsolePerMinute));
            o.OnRejected = RejectAsync;
        });
        return builder;
    }

    /// <summary>After authentication (the console's partition is the signed-in shop), before the endpoints.</summary>
    public static WebApplication UseRateLimits(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    private static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var response = rejected.HttpContext.Response;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await response.WriteAsJsonAsync(new ApiError($"Too many requests: try again in {seconds} seconds."), cancellationToken);
    }
}
