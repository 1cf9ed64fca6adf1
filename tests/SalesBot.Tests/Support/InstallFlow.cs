using System.Net;
using System.Text.Json.Nodes;

namespace SalesBot.Tests.Support;

/// <summary>Clicks through /shopify/{shop}/login → sandbox authorize (auto-approved) → /shopify/callback.</summary>
public static class InstallFlow
{
    public static async Task<(HttpStatusCode Status, JsonObject Body)> InstallAsync(HttpClient browser, string shop)
    {
        using var login = await browser.GetAsync($"/shopify/{shop}/login");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var authorize = login.Headers.Location!;
        using var approve = await browser.GetAsync(new Uri(authorize + "&auto_approve=1"));
        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        using var callback = await browser.GetAsync(approve.Headers.Location!);
        var body = JsonNode.Parse(await callback.Content.ReadAsStringAsync())!.AsObject();
        return (callback.StatusCode, body);
    }

    /// <summary>The callback URL the sandbox would redirect to, for tests that tamper with it.</summary>
    public static async Task<Uri> SignedCallbackAsync(HttpClient browser, string shop)
    {
        using var login = await browser.GetAsync($"/shopify/{shop}/login");
        using var approve = await browser.GetAsync(new Uri(login.Headers.Location! + "&auto_approve=1"));
        return approve.Headers.Location!;
    }
}
