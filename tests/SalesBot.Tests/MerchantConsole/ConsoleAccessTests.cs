using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using SalesBot.Sandbox.Shopify;
using SalesBot.Sandbox.Shopify.Catalog;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.MerchantConsole;

/// <summary>
/// Access control of every console route, found from the app's own endpoints rather than listed by hand, so a page added
/// later is covered without anyone remembering to: no session → sign-in (browsers) or 401 JSON (API clients); every page
/// renders for a signed-in merchant of a shop that has nothing yet (no 500); every POST without the antiforgery token → 400.
/// </summary>
public sealed partial class ConsoleAccessTests : IAsyncLifetime
{
    private ShopifySandboxServer _sandbox = null!;
    private SalesBotApp _app = null!;

    /// <summary>Routes before sign-in, open to everyone by design.</summary>
    private static readonly HashSet<string> Public = ["/console/login", "/console/callback", "/console/sign-in"];

    public async Task InitializeAsync()
    {
        _sandbox = await ShopifySandboxServer.StartAsync(SmallStore.Options(unthrottled: true));
        _app = SalesBotApp.Start(SalesBotApp.AgainstSandbox(_sandbox.ApiOrigin));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _sandbox.DisposeAsync();
    }

    /// <summary>Every console route with its methods, parameters filled with a value that names nothing.</summary>
    private List<(string Path, IReadOnlyList<string> Methods)> ConsoleRoutes()
    {
        var routes = _app.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Pattern: "/" + e.RoutePattern.RawText!.TrimStart('/'), Methods: e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"]))
            .Where(e => e.Pattern == "/console" || e.Pattern.StartsWith("/console/", StringComparison.Ordinal))
            .Select(e => (Path: RouteParameter().Replace(e.Pattern, "unknown"), e.Methods))
            .ToList();
        Assert.Contains(routes, r => r.Path == "/console");
        return routes;
    }

    [Fact]
    public async Task Without_a_session_every_console_route_sends_browsers_to_sign_in_and_refuses_api_clients()
    {
        foreach (var (path, methods) in ConsoleRoutes().Where(r => !Public.Contains(r.Path)))
        {
            if (!methods.Contains("GET")) continue;
            using var browser = _app.Browser();
            using var page = new HttpRequestMessage(HttpMethod.Get, path);
            page.Headers.Accept.ParseAdd("text/html");
            using (var response = await browser.SendAsync(page))
            {
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"GET {path} (browser) answered {(int)response.StatusCode}");
                var location = response.Headers.Location!;
                Assert.StartsWith("/console/login", location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString);
            }
            using var api = await browser.GetAsync(path);
            Assert.True(api.StatusCode == HttpStatusCode.Unauthorized, $"GET {path} (API) answered {(int)api.StatusCode}");
            Assert.Contains("Sign in", (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        }
    }

    [Fact]
    public async Task Every_console_page_renders_for_a_shop_that_has_nothing_yet()
    {
        using var browser = _app.Browser();
        (await SignInFlow.SignInAsync(browser, "shop-a")).Dispose();
        foreach (var (path, methods) in ConsoleRoutes().Where(r => !Public.Contains(r.Path) && r.Methods.Contains("GET")))
        {
            // Streams (text/event-stream) are read elsewhere; here only their headers, then the request is dropped.
            using var response = await browser.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"GET {path} signed in answered {status}");
            if (path.Contains("unknown", StringComparison.Ordinal)) Assert.True(status is 200 or 302 or 404, $"GET {path} answered {status}");
            else if (response.Content.Headers.ContentType?.MediaType == "text/html") Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused_on_every_console_route()
    {
        using var browser = _app.Browser();
        (await SignInFlow.SignInAsync(browser, "shop-a")).Dispose();
        var posts = ConsoleRoutes().Where(r => r.Methods.Contains("POST") && !Public.Contains(r.Path)).ToList();
        Assert.Contains(posts, p => p.Path == "/console/logout");
        foreach (var (path, _) in posts)
        {
            using var response = await browser.PostAsync(path, new FormUrlEncodedContent([new("_handler", "any"), new("text", "hello")]));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"POST {path} without a token answered {(int)response.StatusCode}");
        }
        using var stillIn = await browser.GetAsync("/console");
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
    }

    [Fact]
    public async Task Every_section_the_console_links_to_is_a_page()
    {
        using var browser = _app.Browser();
        (await SignInFlow.SignInAsync(browser, "shop-a")).Dispose();
        var overview = await browser.GetStringAsync("/console");
        var links = NavLink().Matches(overview).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(6, links.Count);
        foreach (var link in links)
        {
            using var response = await browser.GetAsync(link);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"The console links to {link}, which answered {(int)response.StatusCode}");
        }
    }

    [GeneratedRegex("<a href=\"(/console[^\"]*)\"[^>]*id=\"nav-")]
    private static partial Regex NavLink();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
