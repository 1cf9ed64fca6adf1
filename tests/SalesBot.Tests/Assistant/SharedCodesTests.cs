using SalesBot.Assistant;
using SalesBot.Catalog;

namespace SalesBot.Tests.Assistant;

/// <summary>
/// Which codes the assistant mentions: only those the merchant picked, and never one limited to a single use or to
/// certain customers, whatever was picked; for the catalog-only replies and the model's tool alike.
/// </summary>
public sealed class SharedCodesTests
{
    private static readonly CatalogIndex Catalog = new(TestCatalog.Create(
    [
        CatalogBuilder.CodeDiscount("gid://shopify/DiscountCodeNode/1", "Welcome", ["WELCOME10"], summary: "10% off your first order"),
        CatalogBuilder.CodeDiscount("gid://shopify/DiscountCodeNode/2", "Spring", ["SPRING15"], summary: "15% off everything"),
        CatalogBuilder.CodeDiscount("gid://shopify/DiscountCodeNode/3", "Lucky one", ["ONETIME25"], summary: "25% off", usageLimit: 1),
        CatalogBuilder.CodeDiscount("gid://shopify/DiscountCodeNode/4", "VIP", ["VIP20"], summary: "20% off", context: "DiscountCustomers"),
        CatalogBuilder.CodeDiscount("gid://shopify/DiscountCodeNode/5", "Members", ["MEMBERS"], summary: "Free shipping", context: "DiscountCustomerSegments"),
        CatalogBuilder.CodeDiscount("gid://shopify/DiscountCodeNode/6", "Old snapshot", ["LEGACY5"], summary: "5% off", context: null),
        CatalogBuilder.CodeDiscount("gid://shopify/DiscountCodeNode/7", "Summer", ["SUMMER30"], status: "EXPIRED", summary: "30% off"),
    ]));

    private static readonly string[] Everything = ["WELCOME10", "SPRING15", "ONETIME25", "VIP20", "MEMBERS", "LEGACY5", "SUMMER30"];

    private static AssistantRequest Request(string[]? shared, bool mayPromote = true) =>
        new(Catalog, "any discounts?", null, [], mayPromote, shared?.ToHashSet(StringComparer.OrdinalIgnoreCase));

    private static string[] CodesIn(string text) => Everything.Where(c => text.Contains(c, StringComparison.Ordinal)).ToArray();

    [Fact]
    public void With_no_code_picked_the_reply_names_none_and_offers_no_discounts_button()
    {
        foreach (var shared in new[] { null, Array.Empty<string>() })
        {
            var reply = CatalogOnlyAssistant.Reply(Request(shared));
            Assert.Empty(CodesIn(reply.Text));
            Assert.DoesNotContain(reply.QuickReplies, q => q.Payload == ShopperMessage.PayloadDiscounts);
        }
    }

    [Fact]
    public void A_picked_code_is_the_only_one_named()
    {
        var reply = CatalogOnlyAssistant.Reply(Request(["spring15"]));
        Assert.Equal(["SPRING15"], CodesIn(reply.Text));
        Assert.Contains(reply.QuickReplies, q => q.Payload == ShopperMessage.PayloadDiscounts);
    }

    [Fact]
    public void Single_use_customer_only_unknown_and_expired_codes_are_never_named_even_when_picked()
    {
        var reply = CatalogOnlyAssistant.Reply(Request(Everything));
        Assert.Equal(["WELCOME10", "SPRING15"], CodesIn(reply.Text));
        Assert.Empty(CodesIn(CatalogOnlyAssistant.Reply(Request(["ONETIME25", "VIP20", "MEMBERS", "LEGACY5", "SUMMER30"])).Text));
    }

    [Fact]
    public void The_models_tool_lists_only_the_picked_eligible_codes()
    {
        var request = Request(["WELCOME10", "ONETIME25", "VIP20"]);
        var tools = new CatalogTools(Catalog, request.MayPromote, request.ShareableDiscounts());
        Assert.Equal(["WELCOME10"], CodesIn(System.Text.Json.JsonSerializer.Serialize(tools.ListDiscountCodes())));

        var none = new CatalogTools(Catalog, true, Request(null).ShareableDiscounts());
        Assert.Empty(CodesIn(System.Text.Json.JsonSerializer.Serialize(none.ListDiscountCodes())));
        Assert.DoesNotContain("list_discount_codes returns", SystemPrompt.For(Catalog, mayShareCodes: false));
    }

    [Fact]
    public void Outside_the_promotion_window_even_picked_codes_stay_unsaid()
    {
        Assert.Empty(Request(["WELCOME10"], mayPromote: false).ShareableDiscounts());
    }

    [Fact]
    public void The_catalog_lists_every_code_with_why_it_cannot_be_shared()
    {
        var restrictions = Catalog.Codes.ToDictionary(c => c.Code, c => c.Restriction);
        Assert.Equal(CodeRestriction.None, restrictions["WELCOME10"]);
        Assert.Equal(CodeRestriction.SingleUse, restrictions["ONETIME25"]);
        Assert.Equal(CodeRestriction.CustomersOnly, restrictions["VIP20"]);
        Assert.Equal(CodeRestriction.CustomersOnly, restrictions["MEMBERS"]);
        Assert.Equal(CodeRestriction.Unknown, restrictions["LEGACY5"]);
        Assert.Equal(CodeRestriction.None, restrictions["SUMMER30"]);
        Assert.False(Catalog.Codes.Single(c => c.Code == "SUMMER30").IsActive);
        Assert.Equal(["SPRING15", "WELCOME10"], Catalog.Discounts.Select(d => d.Code).Order().ToArray());
    }
}
