namespace SalesBot.Sandbox.Shopify.Store;

/// <summary>
/// The emulated store's legal pages, as a merchant fills them in under Settings › Policies: Shopify serves each as
/// <c>shopPolicies { type title body url }</c> with the body in HTML and the page at <c>/policies/&lt;handle&gt;</c>.
/// The shipping policy names some countries and not others (no Canada), so the bot's "can't confirm" path can be tried.
/// </summary>
public static class StorePolicies
{
    public sealed record Policy(long Id, string Type, string Title, string Handle, string Body);

    public static IReadOnlyList<Policy> For(string storeName) =>
    [
        new(1, "REFUND_POLICY", "Refund policy", "refund-policy",
            "<p>We have a 30-day return policy, which means you have 30 days after receiving your item to request a return.</p>" +
            "<p>To be eligible for a return, your item must be in the same condition that you received it, unworn or unused, with tags, and in its original packaging. You'll also need the receipt or proof of purchase.</p>" +
            $"<p>To start a return, contact us at support@{Slug(storeName)}.example. Items sent back to us without first requesting a return will not be accepted.</p>" +
            "<p>We will notify you once we've received and inspected your return, and let you know if the refund was approved or not. If approved, you'll be automatically refunded on your original payment method within 10 business days.</p>" +
            "<p>Sale items and gift cards cannot be returned.</p>"),
        new(2, "SHIPPING_POLICY", "Shipping policy", "shipping-policy",
            "<p>We ship to the United States, the United Kingdom, Germany, France and Australia.</p>" +
            "<p>Orders are processed within 2 business days. Standard shipping within the United States takes 3 to 5 business days and costs $5.99; it is free on orders over $75.</p>" +
            "<p>International orders take 7 to 14 business days and cost $19.99. Import duties and taxes are paid by the customer.</p>" +
            "<p>You will receive a shipping confirmation email with a tracking number once your order ships.</p>"),
        new(3, "PRIVACY_POLICY", "Privacy policy", "privacy-policy",
            $"<p>This Privacy Policy describes how {storeName} collects, uses and discloses your personal information when you visit or make a purchase from the store.</p>" +
            "<p>We collect the information you give us at checkout: your name, billing and shipping address, email address and phone number. We use it to fulfil your order and to talk to you about it.</p>" +
            "<p>We do not sell your personal information. You can ask us to access, correct or delete the personal information we hold about you by contacting us.</p>"),
        new(4, "TERMS_OF_SERVICE", "Terms of service", "terms-of-service",
            $"<p>This website is operated by {storeName}. By visiting our site and/or purchasing something from us, you agree to be bound by these terms of service.</p>" +
            "<p>Prices for our products are subject to change without notice. We reserve the right to refuse any order you place with us.</p>" +
            "<p>These terms of service are governed by the laws of the State of New York.</p>"),
        new(5, "CONTACT_INFORMATION", "Contact information", "contact-information",
            $"<p>{storeName}</p><p>Email: support@{Slug(storeName)}.example</p><p>Phone: +1 212 555 0142, Monday to Friday, 9am to 5pm Eastern Time.</p>" +
            "<p>Address: 350 Fifth Avenue, New York, NY 10118, United States.</p>"),
    ];

    private static string Slug(string name) => new(name.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());
}
