using SalesBot.Sandbox.Shopify.Catalog;

namespace SalesBot.Sandbox.Shopify;

/// <summary>How the emulated Shopify behaves. Defaults match a Standard-plan shop and the app's sandbox credentials.</summary>
public sealed class ShopifySandboxOptions
{
    /// <summary>Same values as <c>ShopifyOptions.SandboxApiKey/SandboxApiSecret</c> in the app.</summary>
    public string ApiKey { get; set; } = "sandbox-api-key";
    public string ApiSecret { get; set; } = "sandbox-api-secret";
    /// <summary>Shown on the install page.</summary>
    public string AppName { get; set; } = "SalesBot";
    public string ApiVersion { get; set; } = "2026-01";

    /// <summary>Where every shop's catalog comes from unless <see cref="ShopCatalogs"/> names the shop.</summary>
    public CatalogSource Catalog { get; set; } = new();
    /// <summary>Per-shop catalog overrides, keyed by shop domain.</summary>
    public Dictionary<string, CatalogSource> ShopCatalogs { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Leaky bucket size in cost points (Standard plan: 1000).</summary>
    public double ThrottleBucketSize { get; set; } = 1000;
    /// <summary>Points restored per second (Standard plan: 100).</summary>
    public double ThrottleRestoreRate { get; set; } = 100;
    /// <summary>When set, every Nth GraphQL request gets HTTP 429 with <c>Retry-After: 1</c>.</summary>
    public int? FailEveryNthRequest { get; set; }

    /// <summary>Waits between webhook delivery attempts; one retry per entry (Shopify: 8 over about 4 h).</summary>
    public List<TimeSpan> WebhookRetryDelays { get; set; } =
    [
        TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5),
        TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(2),
    ];
    /// <summary>How long a webhook receiver may take before the attempt counts as failed (Shopify: 5 s).</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Where the compliance topics go (<c>customers/data_request</c>, <c>customers/redact</c>, <c>shop/redact</c>): a real
    /// app declares this address in its configuration rather than subscribing by API. Null: the sandbox sends none.
    /// </summary>
    public Uri? ComplianceWebhookUri { get; set; }
    /// <summary>Lifetime of an expiring offline access token (Shopify: 1 h); <c>expires_in</c> is this in whole seconds.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);
    /// <summary>Lifetime of an online (per-user) access token: Shopify's last at most a day and answer <c>expires_in: 86399</c>.</summary>
    public TimeSpan OnlineTokenLifetime { get; set; } = TimeSpan.FromSeconds(86399);
    /// <summary>Lifetime of a refresh token (Shopify: 90 days).</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(90);
    /// <summary>As Shopify from 2027-01-01: Admin API calls with a non-expiring OAuth token get 401 (custom-app tokens still pass).</summary>
    public bool RefuseLifetimeTokens { get; set; }

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Seeds the order of an ungrouped bulk export's lines (scrambled, children before parents too, as Shopify allows).</summary>
    public int BulkOrderSeed { get; set; } = 2026;

    /// <summary>When set, a bulk result link answers 302 Found to the same path under this base (a file that moved host).</summary>
    public Uri? BulkResultRedirect { get; set; }

    /// <summary>
    /// Base address the sandbox is reachable at (for bulk result URLs): the app's APP_BASE_URL when mounted in it, the
    /// loopback address for <see cref="ShopifySandboxServer"/>. Never taken from a request's Host header.
    /// </summary>
    public Uri? PublicBaseUri { get; set; }

    /// <summary>The app's allowed redirection URLs (exact match); empty: any http(s) URL on a loopback host (see <see cref="RedirectRule"/>).</summary>
    public List<string> AllowedRedirectUris { get; set; } = [];

    /// <summary>At most this many shops get a store; a request for another answers 404, as for a shop that does not exist.</summary>
    public int MaxStores { get; set; } = 100;

    /// <summary>How many GraphQL log entries a store and webhook attempts the dispatcher keep (the oldest go first).</summary>
    public int MaxLogEntries { get; set; } = 10_000;
}
