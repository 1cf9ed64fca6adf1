using System.Net;

namespace SalesBot.Configuration;

/// <summary>
/// Which platforms the built-in sandbox stands in for. The sandbox is all or nothing unless asked for: with no real
/// Shopify or Facebook credential it emulates both; once any real one is set it emulates neither, unless
/// <c>SALESBOT_SANDBOX=1</c> asks it to stand in for the platform that has none, and then only on a loopback
/// <c>APP_BASE_URL</c> (its Messenger accepts events signed with a secret everybody knows).
/// </summary>
public sealed record SandboxMode(bool Shopify, bool Facebook)
{
    public const string Variable = "SALESBOT_SANDBOX";

    /// <summary>Settings that only a real Shopify app or custom app has.</summary>
    public static readonly string[] ShopifyCredentials = ["SHOPIFY_API_KEY", "SHOPIFY_API_SECRET"];
    public const string ShopifyTokenPrefix = "SHOPIFY_ACCESS_TOKEN_";

    /// <summary>Settings that only a real Meta app and page have (a verify token is chosen by the operator, not issued).</summary>
    public static readonly string[] FacebookCredentials = ["FACEBOOK_APP_ID", "FACEBOOK_APP_SECRET", "FACEBOOK_PAGE_ID", "FACEBOOK_PAGE_ACCESS_TOKEN"];

    public bool Any => Shopify || Facebook;

    /// <summary>Decides from the settings; a bad <c>SALESBOT_SANDBOX</c> or a mixed sandbox on a public address is a <see cref="ConfigurationError"/>.</summary>
    public static SandboxMode From(IConfiguration configuration)
    {
        var asked = Asked(configuration[Variable]);
        var realShopify = ShopifyCredentials.Any(k => !string.IsNullOrEmpty(configuration[k]))
            || configuration.AsEnumerable().Any(p => p.Key.StartsWith(ShopifyTokenPrefix, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(p.Value));
        var realFacebook = FacebookCredentials.Any(k => !string.IsNullOrEmpty(configuration[k]));

        var mode = asked switch
        {
            false => new SandboxMode(false, false),
            true => new SandboxMode(!realShopify, !realFacebook),
            null when !realShopify && !realFacebook => new SandboxMode(true, true),
            null => new SandboxMode(false, false),
        };
        if (asked == true && mode.Any && (realShopify || realFacebook))
        {
            var baseUrl = configuration["APP_BASE_URL"] ?? new AppOptions().BaseUrl;
            if (!IsLoopback(baseUrl))
                throw new ConfigurationError(
                    $"{Variable}=1 mounts the sandbox beside real credentials only on a loopback APP_BASE_URL (http://localhost:<port> or http://127.0.0.1:<port>); APP_BASE_URL is {baseUrl}.");
        }
        return mode;
    }

    private static bool? Asked(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "1" or "true" => true,
        "0" or "false" => false,
        _ => throw new ConfigurationError($"{Variable} is '{value}'; allowed: 1 (mount the sandbox for what has no credentials) or 0 (never)."),
    };

    public static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)));
}
