namespace SalesBot.Sandbox.Shopify.Store;

/// <summary>Which of Shopify's code discount types a discount is.</summary>
public enum DiscountKind { Basic, Bxgy, FreeShipping }

/// <summary>Who may use a discount: Shopify's <c>DiscountContext</c> union (all buyers, listed customers, or customer segments).</summary>
public enum DiscountAudience { AllBuyers, Customers, Segments }

/// <summary>A code discount (a <c>DiscountCodeNode</c>) with its redeem codes.</summary>
public sealed class StoreDiscount
{
    public required long Id { get; init; }
    public required DiscountKind Kind { get; set; }
    public required string Title { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset? EndsAt { get; set; }
    public int? UsageLimit { get; set; }
    public bool AppliesOncePerCustomer { get; set; }
    public DiscountAudience Audience { get; set; } = DiscountAudience.AllBuyers;
    /// <summary>The customers (or segments) a restricted discount is for, as ids; empty for all buyers.</summary>
    public List<long> AudienceIds { get; } = [];
    public int? UsesPerOrderLimit { get; set; }
    public List<StoreDiscountCode> Codes { get; } = [];
    /// <summary>What the customer gets (Basic and Bxgy).</summary>
    public DiscountValue CustomerGets { get; set; } = new DiscountValue.Percentage(0.1);
    /// <summary>What the customer must buy (Bxgy only).</summary>
    public DiscountBuys? CustomerBuys { get; set; }
    public DiscountMinimum? Minimum { get; set; }
    public decimal? MaximumShippingPrice { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; set; }

    public string Gid => Store.Gid.For("DiscountCodeNode", Id);

    public string StatusAt(DateTimeOffset now) =>
        StartsAt > now ? "SCHEDULED" : EndsAt is { } end && end <= now ? "EXPIRED" : "ACTIVE";

    /// <summary>A one-line summary in the spirit of Shopify's (the exact wording is Shopify's own business).</summary>
    public string Summary => Kind switch
    {
        DiscountKind.FreeShipping => "Free shipping on all products" + MinimumSummary,
        DiscountKind.Bxgy => $"Buy {CustomerBuys?.Describe()}, get {CustomerGets.Describe()}",
        _ => CustomerGets.Describe() + " off entire order" + MinimumSummary,
    };

    private string MinimumSummary => Minimum switch
    {
        DiscountMinimum.Subtotal s => $" • Minimum purchase of ${s.Amount:0.00}",
        DiscountMinimum.Quantity q => $" • Minimum quantity of {q.Count}",
        _ => "",
    };
}

public sealed record StoreDiscountCode(long Id, string Code)
{
    public string Gid => Store.Gid.For("DiscountRedeemCode", Id);
}

/// <summary>DiscountCustomerGetsValue / DiscountEffect.</summary>
public abstract record DiscountValue
{
    public abstract string Describe();

    /// <summary><paramref name="Value"/> is a fraction (0.15 = 15 %), as Shopify's <c>percentage</c> field is.</summary>
    public sealed record Percentage(double Value) : DiscountValue
    {
        public override string Describe() => $"{Value * 100:0.##}%";
    }

    public sealed record Amount(decimal Value, bool AppliesOnEachItem) : DiscountValue
    {
        public override string Describe() => $"${Value:0.00}";
    }

    /// <summary>Bxgy's "get N items at this effect".</summary>
    public sealed record OnQuantity(long Quantity, DiscountValue Effect) : DiscountValue
    {
        public override string Describe() => $"{Quantity} item{(Quantity == 1 ? "" : "s")} at {Effect.Describe()} off";
    }
}

/// <summary>DiscountCustomerBuysValue.</summary>
public abstract record DiscountBuys
{
    public abstract string Describe();

    public sealed record Quantity(long Count) : DiscountBuys
    {
        public override string Describe() => $"{Count} item{(Count == 1 ? "" : "s")}";
    }

    public sealed record PurchaseAmount(decimal Amount) : DiscountBuys
    {
        public override string Describe() => $"${Amount:0.00}";
    }
}

/// <summary>DiscountMinimumRequirement.</summary>
public abstract record DiscountMinimum
{
    public sealed record Subtotal(decimal Amount) : DiscountMinimum;
    public sealed record Quantity(long Count) : DiscountMinimum;
}
