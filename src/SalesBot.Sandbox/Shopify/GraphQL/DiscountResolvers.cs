using GraphQL.Utilities;
using SalesBot.Sandbox.Shopify.Store;

namespace SalesBot.Sandbox.Shopify.GraphQL;

/// <summary>Resolvers for code discounts and the unions that describe their value and requirements.</summary>
internal static class DiscountResolvers
{
    public static void Map(SchemaBuilder b)
    {
        new ResolverMap<StoreDiscount>(b, "DiscountCodeNode")
            .Field("id", d => d.Gid).Field("codeDiscount", d => new CodeDiscountView(d));

        foreach (var type in new[] { "DiscountCodeBasic", "DiscountCodeBxgy", "DiscountCodeFreeShipping" })
        {
            new ResolverMap<CodeDiscountView>(b, type)
                .Field("title", v => v.Discount.Title)
                .Field("context", v => new DiscountContextView(v.Discount))
                .Field("status", (v, c) => v.Discount.StatusAt(AdminRequestContext.Of(c).Store.Now))
                .Field("summary", v => v.Discount.Summary)
                .Field("startsAt", v => Scalars.DateTime(v.Discount.StartsAt))
                .Field("endsAt", v => Scalars.DateTime(v.Discount.EndsAt))
                .Field("usageLimit", v => v.Discount.UsageLimit)
                .Field("appliesOncePerCustomer", v => v.Discount.AppliesOncePerCustomer)
                .Field("codes", (v, c) => Connection.Page(v.Discount.Codes, code => code.Id, c));
        }
        new ResolverMap<CodeDiscountView>(b, "DiscountCodeBasic")
            .Field("customerGets", v => v.Discount.CustomerGets)
            .Field("minimumRequirement", v => v.Discount.Minimum);
        new ResolverMap<CodeDiscountView>(b, "DiscountCodeBxgy")
            .Field("usesPerOrderLimit", v => v.Discount.UsesPerOrderLimit)
            .Field("customerBuys", v => v.Discount.CustomerBuys ?? new DiscountBuys.Quantity(1))
            .Field("customerGets", v => v.Discount.CustomerGets);
        new ResolverMap<CodeDiscountView>(b, "DiscountCodeFreeShipping")
            .Field("maximumShippingPrice", (v, c) => v.Discount.MaximumShippingPrice is { } max ? CatalogResolvers.Money(max, c) : null)
            .Field("minimumRequirement", v => v.Discount.Minimum);

        new ResolverMap<DiscountContextView>(b, "DiscountBuyerSelectionAll").Field("all", _ => "ALL");
        new ResolverMap<DiscountContextView>(b, "DiscountCustomers")
            .Field("customers", v => v.Discount.AudienceIds.Select(id => new CustomerView(id)).ToList());
        new ResolverMap<DiscountContextView>(b, "DiscountCustomerSegments")
            .Field("segments", v => v.Discount.AudienceIds.Select(id => new SegmentView(id, $"Segment {id}")).ToList());
        new ResolverMap<CustomerView>(b, "Customer").Field("id", c => Gid.For("Customer", c.Id));
        new ResolverMap<SegmentView>(b, "Segment").Field("id", s => Gid.For("Segment", s.Id)).Field("name", s => s.Name);

        new ResolverMap<StoreDiscountCode>(b, "DiscountRedeemCode").Field("id", c => c.Gid).Field("code", c => c.Code);

        // The wrapper objects (customerGets, customerBuys) resolve to the value itself; their one field unwraps nothing.
        new ResolverMap<DiscountValue>(b, "DiscountCustomerGets").Field("value", v => v);
        new ResolverMap<DiscountBuys>(b, "DiscountCustomerBuys").Field("value", v => v);

        new ResolverMap<DiscountValue.Percentage>(b, "DiscountPercentage").Field("percentage", p => p.Value);
        new ResolverMap<DiscountValue.Amount>(b, "DiscountAmount")
            .Field("amount", (a, c) => CatalogResolvers.Money(a.Value, c)).Field("appliesOnEachItem", a => a.AppliesOnEachItem);
        new ResolverMap<DiscountValue.OnQuantity>(b, "DiscountOnQuantity")
            .Field("quantity", q => new DiscountBuys.Quantity(q.Quantity)).Field("effect", q => q.Effect);
        new ResolverMap<DiscountBuys.Quantity>(b, "DiscountQuantity").Field("quantity", q => Scalars.UnsignedInt64(q.Count));
        new ResolverMap<DiscountBuys.PurchaseAmount>(b, "DiscountPurchaseAmount").Field("amount", a => Scalars.Decimal(a.Amount));
        new ResolverMap<DiscountMinimum.Subtotal>(b, "DiscountMinimumSubtotal")
            .Field("greaterThanOrEqualToSubtotal", (s, c) => CatalogResolvers.Money(s.Amount, c));
        new ResolverMap<DiscountMinimum.Quantity>(b, "DiscountMinimumQuantity")
            .Field("greaterThanOrEqualToQuantity", q => Scalars.UnsignedInt64(q.Count));
    }

    /// <summary>Which C# shape each abstract-type member is, for GraphQL.NET's is-type-of checks.</summary>
    public static readonly Dictionary<string, Func<object, bool>> TypeChecks = new()
    {
        ["DiscountCodeBasic"] = o => o is CodeDiscountView { Discount.Kind: DiscountKind.Basic },
        ["DiscountCodeBxgy"] = o => o is CodeDiscountView { Discount.Kind: DiscountKind.Bxgy },
        ["DiscountCodeFreeShipping"] = o => o is CodeDiscountView { Discount.Kind: DiscountKind.FreeShipping },
        ["DiscountBuyerSelectionAll"] = o => o is DiscountContextView { Discount.Audience: DiscountAudience.AllBuyers },
        ["DiscountCustomers"] = o => o is DiscountContextView { Discount.Audience: DiscountAudience.Customers },
        ["DiscountCustomerSegments"] = o => o is DiscountContextView { Discount.Audience: DiscountAudience.Segments },
        ["DiscountPercentage"] = o => o is DiscountValue.Percentage,
        ["DiscountAmount"] = o => o is DiscountValue.Amount,
        ["DiscountOnQuantity"] = o => o is DiscountValue.OnQuantity,
        ["DiscountQuantity"] = o => o is DiscountBuys.Quantity,
        ["DiscountPurchaseAmount"] = o => o is DiscountBuys.PurchaseAmount,
        ["DiscountMinimumSubtotal"] = o => o is DiscountMinimum.Subtotal,
        ["DiscountMinimumQuantity"] = o => o is DiscountMinimum.Quantity,
    };
}
