using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace SalesBot.Configuration;

/// <summary>The Shopify app's settings. With no API key the app runs against the built-in sandbox store.</summary>
public sealed class ShopifyOptions
{
    /// <summary>Credentials the in-process sandbox store uses for the app it emulates.</summary>
    public const string SandboxApiKey = "sandbox-api-key";
    public const string SandboxApiSecret = "sandbox-api-secret";

    [ConfigurationKeyName("SHOPIFY_API_KEY")]
    public string? ApiKey { get; set; }

    [ConfigurationKeyName("SHOPIFY_API_SECRET")]
    public string? ApiSecret { get; set; }

    [ConfigurationKeyName("SHOPIFY_SCOPES"), Required(ErrorMessage = "SHOPIFY_SCOPES must not be empty")]
    public string Scopes { get; set; } = "read_products,read_inventory,read_discounts,read_locations,read_product_listings";

    [ConfigurationKeyName("SHOPIFY_API_VERSION"), Required(ErrorMessage = "SHOPIFY_API_VERSION must not be empty"),
     RegularExpression(@"^\d{4}-\d{2}$|^unstable$", ErrorMessage = "SHOPIFY_API_VERSION must be a version such as 2026-01, or unstable")]
    public string ApiVersion { get; set; } = "2026-01";

    /// <summary>Where a shop's Admin API lives; <c>{shop}</c> is replaced by the shop domain.</summary>
    [ConfigurationKeyName("SHOPIFY_API_ORIGIN"), Required(ErrorMessage = "SHOPIFY_API_ORIGIN must not be empty")]
    public string ApiOrigin { get; set; } = "https://{shop}";

    /// <summary>Public URL Shopify posts webhooks to; defaults to <c>{APP_BASE_URL}/shopify/webhook</c>.</summary>
    [ConfigurationKeyName("SHOPIFY_WEBHOOK_ADDRESS")]
    public string? WebhookAddress { get; set; }

    [ConfigurationKeyName("SHOPIFY_POLL_INTERVAL")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromHours(24);

    [ConfigurationKeyName("SHOPIFY_SYNC_DEBOUNCE")]
    public TimeSpan SyncDebounce { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Above this many products a full fetch reads products through one bulk operation instead of pages
    /// (a paged fetch of a large store is bound to the throttle's restore rate). Negative: never bulk.
    /// </summary>
    [ConfigurationKeyName("SHOPIFY_BULK_THRESHOLD")]
    public int BulkThreshold { get; set; } = DefaultBulkThreshold;

    public const int DefaultBulkThreshold = 250;

    /// <summary>Largest bulk export file the app downloads (bytes); a bigger one fails the bulk read, which falls back to pages.</summary>
    [ConfigurationKeyName("SHOPIFY_BULK_MAX_BYTES"), Range(1, long.MaxValue, ErrorMessage = "SHOPIFY_BULK_MAX_BYTES must be a positive number of bytes")]
    public long BulkMaxBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>
    /// True when the sandbox store stands in for Shopify: decided at start by <see cref="SandboxMode"/>; an options object
    /// made by hand (tests) is the sandbox when it has no key. Not bound from configuration (the setter is internal).
    /// </summary>
    public bool IsSandbox { get => _sandbox ?? string.IsNullOrEmpty(ApiKey); internal set => _sandbox = value; }
    private bool? _sandbox;

    /// <summary>Pre-issued tokens from <c>SHOPIFY_ACCESS_TOKEN_&lt;shop&gt;</c>, keyed by shop domain.</summary>
    public Dictionary<string, string> PreconfiguredTokens { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Uri AdminOrigin(string shop) => new(ApiOrigin.Replace("{shop}", shop, StringComparison.Ordinal).TrimEnd('/'));
}
