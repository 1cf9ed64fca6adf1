using SalesBot.Assistant;

namespace SalesBot.Tests.Facebook;

/// <summary>
/// Questions about the store through the app over HTTP (sandbox Messenger, catalog-only mode): what the shopper receives
/// in Messenger is the policy's sentence and link, no shipping promise for a country the policy does not name, and no
/// order status; "bye" closes the conversation instead of greeting again.
/// </summary>
public sealed class StoreQuestionsMessengerTests(MessengerAppFixture app) : IClassFixture<MessengerAppFixture>
{
    [Fact]
    public async Task A_shopper_asks_about_returns_canada_an_order_and_says_bye()
    {
        var psid = "psid-" + Guid.NewGuid().ToString("N")[..10];
        var policies = TestPolicies.For("boutique.example");
        string[] questions = ["what's your return policy?", "do you ship to Canada?", "where is my order #1001?", "thanks, that's all"];

        foreach (var (question, i) in questions.Select((q, i) => (q, i)))
        {
            await app.PostWebhookAsync(MessengerAppFixture.Body(MessengerAppFixture.Message(psid, question)));
            await app.WaitAsync(() => app.Replies(psid).Count >= i + 1);
        }

        var replies = app.Replies(psid);
        Assert.Equal(questions.Length, replies.Count);
        Assert.StartsWith(MessengerAppFixture.Opening, replies[0]);
        Assert.Contains(TestPolicies.RefundSentence, replies[0]);
        Assert.Contains(policies.Single(p => p.Type == "REFUND_POLICY").Url, replies[0]);

        Assert.Contains(policies.Single(p => p.Type == "SHIPPING_POLICY").Url, replies[1]);
        Assert.Contains("can't confirm", replies[1]);
        Assert.DoesNotContain(TestPolicies.ShippingCountriesSentence, replies[1]);

        Assert.Contains("https://boutique.example/account", replies[2]);
        Assert.DoesNotContain("shipped", replies[2], StringComparison.OrdinalIgnoreCase);

        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, StorePhrases.For("en").Closing, "Test Boutique"), replies[3]);
        Assert.DoesNotContain(replies, r => r.StartsWith("cards:", StringComparison.Ordinal));
    }
}
