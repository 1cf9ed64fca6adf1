using System.Collections.Concurrent;

namespace SalesBot.Sandbox.Shopify.Store;

/// <summary>
/// One emulated shop: catalog, webhook subscriptions, bulk operations, OAuth grants and the query
/// log. The catalog is plain mutable objects guarded by <see cref="Gate"/>: GraphQL execution and
/// admin changes both hold it, so a query never sees a half-applied change.
/// </summary>
public sealed class ShopifyStore(string domain, TimeProvider time, ShopifySandboxOptions? options = null)
{
    private long _nextId = 1000;

    public string Domain { get; } = domain;
    public string Name { get; set; } = domain.Split('.')[0];
    public string CurrencyCode { get; set; } = "USD";
    public TimeProvider Time { get; } = time;

    /// <summary>Held for the whole of a GraphQL execution or an admin change.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public List<StoreLocation> Locations { get; } = [];
    public SortedDictionary<long, StoreProduct> Products { get; } = [];
    public Dictionary<long, StoreVariant> Variants { get; } = [];
    public Dictionary<long, StoreInventoryItem> InventoryItems { get; } = [];
    public SortedDictionary<long, StoreCollection> Collections { get; } = [];
    public SortedDictionary<long, StoreDiscount> Discounts { get; } = [];
    public SortedDictionary<long, StoreWebhookSubscription> Webhooks { get; } = [];
    public ConcurrentDictionary<long, StoreBulkOperation> BulkOperations { get; } = [];

    /// <summary>Offline tokens granted to the app: custom-app, lifetime and expiring ones with their refresh tokens.</summary>
    public StoreTokens Tokens { get; } = new(time, options ?? new ShopifySandboxOptions());

    /// <summary>Access tokens granted to the app, by token.</summary>
    public ConcurrentDictionary<string, StoreAccessToken> AccessTokens => Tokens.Access;
    internal ConcurrentDictionary<string, (string Scopes, DateTimeOffset Expires, bool PerUser)> AuthorizationCodes { get; } = new(StringComparer.Ordinal);

    /// <summary>The staff member who approves every authorization here (the store owner), named in online tokens' <c>associated_user</c>.</summary>
    public StaffMember Owner { get; } = new(902541635, $"owner@{domain}", "Demo", "Merchant", AccountOwner: true);

    public ThrottleBucket Bucket { get; internal set; } = null!;
    public ConcurrentQueue<QueryLogEntry> QueryLog { get; } = new();
    private int _throttledCount;
    /// <summary>How many GraphQL requests were answered THROTTLED.</summary>
    public int ThrottledCount => _throttledCount;
    internal void CountThrottled() => Interlocked.Increment(ref _throttledCount);

    public DateTimeOffset Now => Time.GetUtcNow();

    public long NewId() => Interlocked.Increment(ref _nextId);

    /// <summary>Grants a custom-app token (never expires), for tests and demos that skip the OAuth dance.</summary>
    public string IssueAccessToken(string scopes) => Tokens.IssueCustomAppToken(scopes);

    public StoreLocation AddLocation(string name)
    {
        var location = new StoreLocation(NewId(), name);
        Locations.Add(location);
        return location;
    }

    public StoreProduct AddProduct(string title, string? handle = null)
    {
        var now = Now;
        var product = new StoreProduct { Id = NewId(), Title = title, Handle = handle ?? Handleize(title), CreatedAt = now, UpdatedAt = now };
        Products.Add(product.Id, product);
        return product;
    }

    public StoreMedia AddMedia(StoreProduct product, string url, string? alt)
    {
        var existing = product.Media.FirstOrDefault(m => m.Url == url);
        if (existing is not null) return existing;
        var media = new StoreMedia(NewId(), url, alt);
        product.Media.Add(media);
        return media;
    }

    /// <summary>Adds a variant, its inventory item and one level per given location quantity.</summary>
    public StoreVariant AddVariant(StoreProduct product, string title, decimal price, IEnumerable<KeyValuePair<string, string>> options,
        IEnumerable<(StoreLocation Location, int Available)> stock, string? sku = null, decimal? compareAtPrice = null)
    {
        var item = new StoreInventoryItem { Id = NewId() };
        var variant = new StoreVariant
        {
            Id = NewId(), Product = product, Title = title, Price = price, CompareAtPrice = compareAtPrice, Sku = sku,
            Position = product.Variants.Count + 1, SelectedOptions = [.. options], InventoryItem = item,
        };
        item.Variant = variant;
        foreach (var (location, available) in stock)
            item.Levels.Add(new StoreInventoryLevel { Item = item, Location = location, Available = available, UpdatedAt = Now });
        product.Variants.Add(variant);
        Variants.Add(variant.Id, variant);
        InventoryItems.Add(item.Id, item);
        return variant;
    }

    public void RemoveProduct(StoreProduct product)
    {
        Products.Remove(product.Id);
        foreach (var variant in product.Variants)
        {
            Variants.Remove(variant.Id);
            InventoryItems.Remove(variant.InventoryItem.Id);
        }
        foreach (var collection in Collections.Values) collection.ProductIds.Remove(product.Id);
    }

    /// <summary>Rebuilds a product's option list from its variants' selected options.</summary>
    public void RefreshOptions(StoreProduct product)
    {
        var names = product.Variants.SelectMany(v => v.SelectedOptions.Select(o => o.Key)).Distinct().ToList();
        product.Options = [.. names.Select((name, i) => new StoreProductOption(product.Id * 10 + i, name, i + 1,
            [.. product.Variants.SelectMany(v => v.SelectedOptions).Where(o => o.Key == name).Select(o => o.Value).Distinct()]))];
    }

    public StoreCollection AddCollection(string title, IEnumerable<long> productIds)
    {
        var collection = new StoreCollection { Id = NewId(), Title = title, Handle = Handleize(title), UpdatedAt = Now, ProductIds = [.. productIds] };
        Collections.Add(collection.Id, collection);
        return collection;
    }

    public StoreDiscount AddDiscount(DiscountKind kind, string title, IEnumerable<string> codes)
    {
        var now = Now;
        var discount = new StoreDiscount { Id = NewId(), Kind = kind, Title = title, StartsAt = now.AddDays(-1), CreatedAt = now, UpdatedAt = now };
        foreach (var code in codes) discount.Codes.Add(new StoreDiscountCode(NewId(), code));
        Discounts.Add(discount.Id, discount);
        return discount;
    }

    public static string Handleize(string title)
    {
        var chars = title.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        return string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
    }
}
