using System.Collections.Concurrent;
using SalesBot.Sandbox.Shopify.Catalog;
using SalesBot.Sandbox.Shopify.GraphQL;
using SalesBot.Sandbox.Shopify.Store;
using SalesBot.Sandbox.Shopify.Webhooks;

namespace SalesBot.Sandbox.Shopify;

/// <summary>
/// The emulated Shopify's state: one <see cref="ShopifyStore"/> per shop domain (built on first use
/// from the configured catalog source), the webhook dispatcher and request counters.
/// </summary>
public sealed partial class ShopifySandbox : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<ShopifyStore>> _stores = new(StringComparer.OrdinalIgnoreCase);
    private int _requests;
    private int _tooManyRequests;

    public ShopifySandbox(ShopifySandboxOptions options)
    {
        Options = options;
        Webhooks = new WebhookDispatcher(options);
        GraphQl = new AdminGraphQlExecutor(this);
        BulkOperations = new BulkOperationRunner(this);
    }

    public ShopifySandboxOptions Options { get; }
    public WebhookDispatcher Webhooks { get; }
    internal AdminGraphQlExecutor GraphQl { get; }
    internal BulkOperationRunner BulkOperations { get; }

    /// <summary>How many GraphQL requests were answered HTTP 429 (see <see cref="ShopifySandboxOptions.FailEveryNthRequest"/>).</summary>
    public int TooManyRequestsCount => _tooManyRequests;

    public IEnumerable<ShopifyStore> Stores => _stores.Values.Where(s => s.IsValueCreated).Select(s => s.Value);

    /// <summary>The shop's store, created from its catalog source on first use.</summary>
    public ShopifyStore GetStore(string shop) =>
        _stores.GetOrAdd(shop.ToLowerInvariant(), domain => new Lazy<ShopifyStore>(() => CreateStore(domain))).Value;

    private readonly Lock _creating = new();

    /// <summary>
    /// The store a request names: null for a name that is not a shop domain (<c>acme.myshopify.com</c>) or when
    /// <see cref="ShopifySandboxOptions.MaxStores"/> stores exist already, so a crawler cannot make one per path.
    /// </summary>
    public ShopifyStore? FindOrCreateStore(string shop)
    {
        if (!ShopDomain().IsMatch(shop)) return null;
        if (_stores.ContainsKey(shop)) return GetStore(shop);
        lock (_creating)
        {
            if (!_stores.ContainsKey(shop) && _stores.Count >= Options.MaxStores) return null;
            return GetStore(shop);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[a-zA-Z0-9][a-zA-Z0-9-_]*\.myshopify\.com$")]
    private static partial System.Text.RegularExpressions.Regex ShopDomain();

    public IReadOnlyList<QueryLogEntry> QueryLog(string shop) => [.. GetStore(shop).QueryLog];

    private int _serverErrorsLeft, _serverErrors;

    /// <summary>How many GraphQL requests were answered 503 (see <see cref="FailNextRequests"/>).</summary>
    public int ServerErrorCount => _serverErrors;

    /// <summary>An outage: the next <paramref name="count"/> GraphQL requests, whoever sends them, are answered HTTP 503.</summary>
    public void FailNextRequests(int count) => Interlocked.Exchange(ref _serverErrorsLeft, Math.Clamp(count, 0, 10_000));

    internal bool NextRequestIsServerError()
    {
        if (Interlocked.Decrement(ref _serverErrorsLeft) < 0)
        {
            Interlocked.Exchange(ref _serverErrorsLeft, 0);
            return false;
        }
        Interlocked.Increment(ref _serverErrors);
        return true;
    }

    /// <summary>Decides whether this GraphQL request is one of the configured every-Nth 429 answers.</summary>
    internal bool NextRequestIsTooMany()
    {
        var n = Interlocked.Increment(ref _requests);
        if (Options.FailEveryNthRequest is not { } every || every <= 0 || n % every != 0) return false;
        Interlocked.Increment(ref _tooManyRequests);
        return true;
    }

    /// <summary>Base address for links the sandbox hands out (bulk result URLs): configured, never a request's Host header (which the client chooses).</summary>
    internal string BaseUri => (Options.PublicBaseUri ?? throw new InvalidOperationException("ShopifySandboxOptions.PublicBaseUri is not set."))
        .ToString().TrimEnd('/') + "/";

    private ShopifyStore CreateStore(string domain)
    {
        var store = new ShopifyStore(domain, Options.TimeProvider, Options);
        store.Bucket = new ThrottleBucket(Options.ThrottleBucketSize, Options.ThrottleRestoreRate, Options.TimeProvider);
        var source = Options.ShopCatalogs.GetValueOrDefault(domain) ?? Options.Catalog;
        if (source.CsvPath is { } csv) CsvCatalogLoader.Populate(store, csv);
        else CatalogGenerator.Populate(store, source.Generator);
        return store;
    }

    public ValueTask DisposeAsync() => Webhooks.DisposeAsync();
}
