using System.Net;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Deploy;

/// <summary>
/// Behind App Platform's TLS proxy: with FORWARDED_HEADERS=1 a request the proxy marks <c>X-Forwarded-Proto: https</c>
/// gets Secure cookies (state, session, antiforgery) and https redirect URLs; without it the same headers change nothing.
/// A forged <c>X-Forwarded-Host</c> never moves a redirect elsewhere. Sandbox mode, real HTTP, the whole merchant sign-in.
/// </summary>
public sealed class ForwardedHeadersTests
{
    [Fact]
    public async Task Trusted_proxy_headers_make_cookies_secure_and_redirects_https()
    {
        await using var app = SalesBotApp.Start(new Dictionary<string, string?> { ["FORWARDED_HEADERS"] = "1" });
        var result = await SignInAndPostAsync(app);

        Assert.All(result.Cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(result.Cookies, c => c.StartsWith("salesbot_session=", StringComparison.Ordinal)
            && c.Contains("samesite=lax", StringComparison.OrdinalIgnoreCase) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("https", result.Redirect.Scheme);
        // The forged X-Forwarded-Host was not APP_BASE_URL's host, so it was ignored.
        Assert.Equal(app.BaseUri.Authority, result.Redirect.Authority);
    }

    [Fact]
    public async Task Without_FORWARDED_HEADERS_the_same_headers_are_ignored()
    {
        await using var app = SalesBotApp.Start(new Dictionary<string, string?>());
        var result = await SignInAndPostAsync(app);

        Assert.All(result.Cookies, c => Assert.DoesNotContain("; secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.Equal("http", result.Redirect.Scheme);
        Assert.Equal(app.BaseUri.Authority, result.Redirect.Authority);
    }

    [Fact]
    public void A_bad_FORWARDED_HEADERS_value_stops_the_start_naming_the_variable()
    {
        var error = Assert.ThrowsAny<Exception>(() => SalesBotApp.Start(new Dictionary<string, string?> { ["FORWARDED_HEADERS"] = "yes please" }));
        Assert.Contains("FORWARDED_HEADERS is 'yes please'", Flatten(error));
    }

    private sealed record Outcome(IReadOnlyList<string> Cookies, Uri Redirect);

    /// <summary>
    /// Signs in as the demo merchant and posts the overview's "Check Shopify now" form (answered by a redirect that Blazor
    /// makes absolute from the request), every request carrying the proxy's headers. Cookies are carried by hand: a
    /// cookie jar would rightly keep Secure cookies off this plain-http connection.
    /// </summary>
    private static async Task<Outcome> SignInAndPostAsync(SalesBotApp app)
    {
        var jar = new Dictionary<string, string>();
        var setCookies = new List<string>();
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.BaseUri };

        async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, HttpContent? content = null)
        {
            using var request = new HttpRequestMessage(method, url) { Content = content };
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-Host", "attacker.example");
            request.Headers.Add("X-Forwarded-For", "203.0.113.7");
            if (jar.Count > 0) request.Headers.Add("Cookie", string.Join("; ", jar.Select(c => $"{c.Key}={c.Value}")));
            var response = await http.SendAsync(request);
            foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                setCookies.Add(header);
                var pair = header.Split(';', 2)[0].Split('=', 2);
                if (pair[1].Length == 0) jar.Remove(pair[0]); else jar[pair[0]] = pair[1];
            }
            return response;
        }

        using (var installer = app.Browser())
            Assert.Equal(HttpStatusCode.OK, (await InstallFlow.InstallAsync(installer, "demo-store")).Status);
        using var login = await SendAsync(HttpMethod.Get, "/console/login?shop=demo-store");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var authorize = login.Headers.Location!;
        using var approve = await SendAsync(HttpMethod.Get, authorize.PathAndQuery + (authorize.Query.Contains("auto_approve=1") ? "" : "&auto_approve=1"));
        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        using var callback = await SendAsync(HttpMethod.Get, approve.Headers.Location!.PathAndQuery);
        Assert.True(callback.StatusCode == HttpStatusCode.Redirect, await callback.Content.ReadAsStringAsync());
        Assert.True(jar.ContainsKey("salesbot_session"), "no session cookie: " + string.Join(" | ", setCookies));

        using var overview = await SendAsync(HttpMethod.Get, "/console");
        var page = await overview.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        using var posted = await SendAsync(HttpMethod.Post, "/console", ConsoleHtml.Form(page, ("_handler", "poll-now")));
        Assert.True(posted.StatusCode == HttpStatusCode.Redirect, $"{posted.StatusCode}: {await posted.Content.ReadAsStringAsync()}");
        var location = posted.Headers.Location!;
        Assert.True(location.IsAbsoluteUri, $"expected an absolute redirect, got {location}");
        Assert.StartsWith("/console?", location.PathAndQuery);
        Assert.Contains(setCookies, c => c.StartsWith("salesbot_csrf=", StringComparison.Ordinal));
        return new Outcome(setCookies.Where(c => !c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)).ToList(), location);
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);
}
