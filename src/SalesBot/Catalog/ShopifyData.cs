namespace SalesBot.Catalog;

/// <summary>
/// The catalog mirror: what <c>&lt;shop&gt;/shopify_data.json</c> holds and the install callback returns.
/// <see cref="Data"/> keeps Shopify's GraphQL shape; <see cref="Extensions"/> says what the fetch cost
/// and is ignored when deciding whether the catalog changed.
/// </summary>
public sealed record ShopifyData(CatalogData Data, FetchReport? Extensions);

public sealed record CatalogData(
    ShopInfo Shop,
    Connection<Product> Products,
    Connection<Collection> Collections,
    Connection<DiscountNode> CodeDiscountNodes);

/// <summary>What a fetch cost: queries sent, Shopify's requested and actual cost, the last throttle status.</summary>
public sealed record FetchReport(
    string Mode,
    int Queries,
    long RequestedCost,
    long ActualCost,
    int Throttled,
    int Retries,
    double Seconds,
    ThrottleReport? LastThrottleStatus);

/// <summary>The shop's throttle bucket when the fetch ended; the snapshot's own copy of Shopify's <c>throttleStatus</c>.</summary>
public sealed record ThrottleReport(double MaximumAvailable, double CurrentlyAvailable, double RestoreRate);

public sealed record ShopInfo(
    string Id,
    string Name,
    string? Description,
    string MyshopifyDomain,
    string? Url,
    string CurrencyCode,
    string? IanaTimezone,
    Domain? PrimaryDomain,
    CurrencyFormats? CurrencyFormats,
    IReadOnlyList<ShopPolicy>? ShopPolicies);

public sealed record Domain(string Url, string Host);

public sealed record CurrencyFormats(string MoneyFormat, string MoneyWithCurrencyFormat);

/// <summary>A legal page of the shop (refund, shipping, privacy, terms, contact); <see cref="Body"/> is its HTML, absent in older snapshots.</summary>
public sealed record ShopPolicy(string Type, string Title, string Url, string? Body = null);

public sealed record ShopifyCount(long Count);

