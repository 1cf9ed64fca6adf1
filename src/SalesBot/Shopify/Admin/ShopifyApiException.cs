namespace SalesBot.Shopify.Admin;

/// <summary>A failure the Admin API reported, with a message fit for a merchant-facing report (no secrets).</summary>
public class ShopifyApiException(string message, string? code = null, int? statusCode = null, Exception? inner = null, bool transient = false)
    : Exception(message, inner)
{
    public const string MaxCostExceeded = "MAX_COST_EXCEEDED";

    /// <summary>Not Shopify's: the app holds no usable token for the shop (not installed, or it must be authorized again).</summary>
    public const string NoAccessToken = "NO_ACCESS_TOKEN";

    /// <summary>Shopify's <c>extensions.code</c> (e.g. <c>MAX_COST_EXCEEDED</c>) when there was one.</summary>
    public string? Code { get; } = code;

    public int? StatusCode { get; } = statusCode;

    /// <summary>The token was refused: the shop uninstalled the app or the token was revoked.</summary>
    public bool IsUnauthorized => StatusCode is 401 or 403;

    public bool IsCostExceeded => Code == MaxCostExceeded;

    /// <summary>The client gave up on a passing condition (throttling, 429, 5xx, network): the same query may succeed later.</summary>
    public bool IsTransient { get; } = transient;
}
