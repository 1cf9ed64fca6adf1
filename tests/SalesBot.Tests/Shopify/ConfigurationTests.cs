using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Shopify;

/// <summary>A bad or missing setting stops the app at start with a message naming the variable.</summary>
public class ConfigurationTests
{
    [Theory]
    [InlineData("SHOPIFY_API_KEY", "key", "SHOPIFY_API_SECRET")]
    [InlineData("SHOPIFY_API_ORIGIN", "https://shopify.example", "SHOPIFY_API_ORIGIN")]
    [InlineData("SHOPIFY_POLL_INTERVAL", "every day", "SHOPIFY_POLL_INTERVAL")]
    [InlineData("SHOPIFY_POLL_INTERVAL", "-00:01:00", "SHOPIFY_POLL_INTERVAL")]
    [InlineData("SPACES_BUCKET", "catalogs", "SPACES_ACCESS_KEY")]
    [InlineData("SPACES_ENDPOINT", "not a url", "SPACES_ENDPOINT")]
    [InlineData("FACEBOOK_PAGE_ID", "123", "FACEBOOK_PAGE_ACCESS_TOKEN")]
    [InlineData("FACEBOOK_BATCH_WINDOW", "00:00:30", "FACEBOOK_BATCH_WINDOW")]
    [InlineData("FACEBOOK_BATCH_WINDOW", "-00:00:01", "FACEBOOK_BATCH_WINDOW")]
    [InlineData("DATABASE_URL", "mysql://x", "DATABASE_URL")]
    [InlineData("APP_BASE_URL", "not a url", "APP_BASE_URL")]
    [InlineData("SHOPIFY_API_VERSION", "v1", "SHOPIFY_API_VERSION")]
    public async Task A_bad_setting_stops_the_start_and_names_the_variable(string name, string value, string named)
    {
        // The real program as an operator starts it, so what is checked is the exit and what it prints.
        var folder = Directory.CreateTempSubdirectory("salesbot-config-").FullName;
        await using var app = ServiceProcess.Start(new Dictionary<string, string?> { ["DATA_DIR"] = Path.Combine(folder, "data"), [name] = value },
            ["--urls", "http://127.0.0.1:0"], workingDirectory: folder);
        int exitCode;
        try
        {
            exitCode = await app.WaitForExitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"The app kept running with {name}={value}.");
            throw;
        }

        // Exit code 1 and the operator's lines, not the runtime's unhandled-exception abort and its stack trace.
        Assert.Equal(1, exitCode);
        var printed = app.Output;
        Assert.Contains(named, printed);
        Assert.DoesNotContain("   at ", printed);
        Assert.DoesNotContain("Unhandled exception", printed);
    }

    [Fact]
    public async Task With_nothing_configured_the_app_starts_in_sandbox_mode()
    {
        var dataDir = Directory.CreateTempSubdirectory("salesbot-config-").FullName;
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("DATA_DIR", dataDir));
        using var client = factory.CreateClient();
        var home = await client.GetStringAsync("/");
        Assert.Contains("Install the demo store", home);
    }
}
