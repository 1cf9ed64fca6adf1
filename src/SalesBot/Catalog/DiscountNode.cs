using System.Text.Json.Serialization;

namespace SalesBot.Catalog;

/// <summary>A code discount in Shopify's shape: <c>{ id, codeDiscount { __typename, … } }</c>.</summary>
public sealed record DiscountNode(string Id, CodeDiscount CodeDiscount);

/// <summary>
/// The <c>DiscountCode</c> union flattened into one record: fields a given <see cref="TypeName"/>
/// lacks stay null and are not written. UnsignedInt64 values stay strings, as Shopify sends them.
/// </summary>
public sealed record CodeDiscount(
    [property: JsonPropertyName("__typename")] string TypeName,
    string? Title,
    string? Status,
    string? Summary,
    string? StartsAt,
    string? EndsAt,
    long? UsageLimit,
    bool? AppliesOncePerCustomer,
    long? UsesPerOrderLimit,
    Connection<DiscountRedeemCode>? Codes,
    DiscountCustomerBuys? CustomerBuys,
    DiscountCustomerGets? CustomerGets,
    DiscountMinimumRequirement? MinimumRequirement,
    MoneyV2? MaximumShippingPrice,
    DiscountContext? Context = null)
{
    public bool IsActive => Status == "ACTIVE";
}

/// <summary>
/// Who may use the discount: Shopify's <c>DiscountContext</c> union, by its member's name —
/// <c>DiscountBuyerSelectionAll</c> (everyone), <c>DiscountCustomers</c> or <c>DiscountCustomerSegments</c>.
/// Null in snapshots written before the field was fetched.
/// </summary>
public sealed record DiscountContext([property: JsonPropertyName("__typename")] string TypeName)
{
    public const string AllBuyers = "DiscountBuyerSelectionAll";

    public bool IsEveryone => TypeName == AllBuyers;
}

public sealed record DiscountRedeemCode(string? Id, string Code);

public sealed record DiscountCustomerGets(DiscountGetsValue? Value);

/// <summary><c>DiscountCustomerGetsValue</c> (and <c>DiscountEffect</c>): a percentage (0–1), an amount, or "on N items, the effect".</summary>
public sealed record DiscountGetsValue(
    [property: JsonPropertyName("__typename")] string TypeName,
    double? Percentage,
    MoneyV2? Amount,
    bool? AppliesOnEachItem,
    DiscountQuantity? Quantity,
    DiscountGetsValue? Effect);

public sealed record DiscountQuantity(string Quantity);

public sealed record DiscountCustomerBuys(DiscountBuysValue? Value);

/// <summary><c>DiscountCustomerBuysValue</c>: buy a quantity, or spend an amount.</summary>
public sealed record DiscountBuysValue(
    [property: JsonPropertyName("__typename")] string TypeName,
    string? Quantity,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)] decimal? Amount);

public sealed record DiscountMinimumRequirement(
    [property: JsonPropertyName("__typename")] string TypeName,
    MoneyV2? GreaterThanOrEqualToSubtotal,
    string? GreaterThanOrEqualToQuantity);
