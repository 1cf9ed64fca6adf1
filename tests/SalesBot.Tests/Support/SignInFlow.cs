using System.Net;

namespace SalesBot.Tests.Support;

/// <summary>Clicks through /console/login?shop= → sandbox authorize (online mode, auto-approved) → /console/callback, like InstallFlow.</summary>
public static class SignInFlow
{
    /// <summary>Signs the browser in; the answer is the callback's (a redirect to /console with the session cookie).</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string shop)
    {
        var callback = await SignedCallbackAsync(browser, shop);
        var response = await browser.GetAsync(callback);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        Assert.Equal("/console", response.Headers.Location!.OriginalString);
        return response;
    }

    /// <summary>The signed callback URL the sandbox redirects to, for tests that tamper with it or send it elsewhere.</summary>
    public static async Task<Uri> SignedCallbackAsync(HttpClient browser, string shop)
    {
        using var login = await browser.GetAsync($"/console/login?shop={shop}");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var authorize = login.Headers.Location!;
        Assert.Contains("grant_options%5B%5D=per-user", authorize.Query);
        using var approve = await browser.GetAsync(authorize.Query.Contains("auto_approve=1") ? authorize : new Uri(authorize + "&auto_approve=1"));
        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        return approve.Headers.Location!;
    }
}
