using SalesBot.Catalog;

namespace SalesBot.TestKit;

/// <summary>
/// A shop's policies as Shopify returns them (<c>type title body url</c>, body in HTML), for tests of answers about the
/// store. The shipping policy names some countries and not Canada; there is no privacy policy, so "no policy" is tried too.
/// </summary>
public static class TestPolicies
{
    public const string RefundSentence = "Unworn items can be returned within 45 days of delivery for a full refund.";
    public const string ShippingCountriesSentence = "We currently ship to the United States, Mexico and Japan.";
    public const string ShippingCostSentence = "Shipping costs $7.50 per order and is free on orders over $100.";

    public static IReadOnlyList<ShopPolicy> For(string storefront) =>
    [
        Policy("REFUND_POLICY", "Refund policy", storefront, "refund-policy",
            $"<h2>Returns</h2><p>{RefundSentence} Please keep the original tags attached.</p>" +
            "<p>Refunds go back to the original payment method &amp; take up to 7 days once we receive the item.</p>"),
        Policy("SHIPPING_POLICY", "Shipping policy", storefront, "shipping-policy",
            $"<p>{ShippingCountriesSentence}</p><ul><li>{ShippingCostSentence}</li><li>Orders leave our warehouse within 2 business days.</li></ul>"),
        Policy("TERMS_OF_SERVICE", "Terms of service", storefront, "terms-of-service",
            "<p>By using this store you agree to these terms.</p><p>Prices may change without notice.</p>"),
        Policy("CONTACT_INFORMATION", "Contact information", storefront, "contact-information",
            "<p>Email: help@boutique.example</p><p>Phone: +1 555 0100</p>"),
    ];

    public static ShopPolicy Policy(string type, string title, string storefront, string handle, string body) =>
        new(type, title, $"https://{storefront}/policies/{handle}", body);
}
