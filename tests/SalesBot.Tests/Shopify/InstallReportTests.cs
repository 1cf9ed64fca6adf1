using System.Text;
using System.Text.Json.Nodes;
using SalesBot.Shopify.Auth;
using SalesBot.Shopify.Install;

namespace SalesBot.Tests.Shopify;

/// <summary>The install report reads well in a browser without changing what programs parse.</summary>
public sealed class InstallReportTests
{
    [Fact]
    public void Summary_and_next_steps_come_first_and_shopify_data_keeps_its_exact_bytes()
    {
        const string data = """{"data":{"shop":{"name":"demo-store"},"products":{"nodes":[{"id":"gid://shopify/Product/1"}]}},"extensions":null}""";
        var report = new InstallReport("demo-store.myshopify.com", "read_products", "shpat_…abcd", Encoding.UTF8.GetBytes(data),
            StepResult.Success(), StepResult.Success(), StepResult.Failed("no"))
        {
            Summary = "Installed demo-store.myshopify.com: 1 product.",
            NextSteps = InstallApi.NextSteps("http://localhost:5077", "demo-store.myshopify.com", facebookSandbox: true),
        };

        var text = Encoding.UTF8.GetString(report.ToJson());
        var body = JsonNode.Parse(text)!.AsObject();

        Assert.Contains("\"shopify_data\": " + data, text);
        Assert.Equal(["shop", "summary", "next_steps", "token_data", "shopify_data", "upload_status_result", "webhook_test", "polling_test"],
            body.Select(p => p.Key));
        Assert.Equal("Chat with the store as a shopper: http://localhost:5077/sandbox/chat", body["next_steps"]![0]!.GetValue<string>());
        Assert.Equal("failed", body["polling_test"]!["status"]!.GetValue<string>());
        Assert.Contains('\n', text);
    }

    [Fact]
    public void Without_the_sandbox_messenger_the_next_step_is_signing_in_to_connect_a_page()
    {
        var steps = InstallApi.NextSteps("https://bot.example.com", "acme.myshopify.com", facebookSandbox: false);

        Assert.Equal("Sign in as this shop's merchant, then connect a Facebook Page from the console: https://bot.example.com/console/login?shop=acme.myshopify.com", steps[0]);
    }
}
