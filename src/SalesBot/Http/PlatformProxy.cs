using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using SalesBot.Configuration;

namespace SalesBot;

/// <summary>
/// Behind a TLS-terminating proxy (DigitalOcean App Platform, a load balancer) the app sees plain http from the proxy.
/// With <c>FORWARDED_HEADERS=1</c> it takes the scheme, client address and host from <c>X-Forwarded-Proto/-For/-Host</c>,
/// so <c>Request.IsHttps</c> is true for https visitors: cookies are Secure and absolute redirects are https. Off by
/// default: without a proxy in front, anyone could send the headers. App Platform's proxies have no fixed addresses, so
/// trust is switched on by configuration rather than by listing proxies; only the nearest proxy's entry is used
/// (ForwardLimit 1), and a forwarded host is accepted only if it is APP_BASE_URL's.
/// </summary>
public static class PlatformProxy
{
    public const string Variable = "FORWARDED_HEADERS";

    public static WebApplicationBuilder AddPlatformProxy(this WebApplicationBuilder builder)
    {
        var enabled = IsEnabled(builder.Configuration[Variable]);
        builder.Services.AddSingleton(new PlatformProxySettings(enabled));
        if (!enabled) return builder;
        var app = builder.Configuration.Get<AppOptions>() ?? new AppOptions();
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            o.ForwardLimit = 1;
            if (Uri.TryCreate(app.BaseUrl, UriKind.Absolute, out var baseUri)) o.AllowedHosts = [baseUri.Authority, baseUri.Host];
        });
        return builder;
    }

    /// <summary>First in the pipeline, before anything reads the scheme (authentication, antiforgery, redirects).</summary>
    public static WebApplication UsePlatformProxy(this WebApplication app)
    {
        if (app.Services.GetRequiredService<PlatformProxySettings>().Enabled) app.UseForwardedHeaders();
        return app;
    }

    private static bool IsEnabled(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "0" or "false" => false,
        "1" or "true" => true,
        _ => throw new OptionsValidationException(Variable, typeof(PlatformProxySettings),
            [$"{Variable} is '{value}'; use 1 to trust the proxy's X-Forwarded-Proto/-For/-Host headers (behind App Platform or a load balancer), or 0."]),
    };
}

public sealed record PlatformProxySettings(bool Enabled);
