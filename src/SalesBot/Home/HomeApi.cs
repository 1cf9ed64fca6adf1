using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SalesBot.Configuration;

namespace SalesBot.Home;

/// <summary>The landing page: what the app is and, in sandbox mode, where to click first.</summary>
public static class HomeApi
{
    public static IEndpointRouteBuilder MapHome(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", Index).ExcludeFromDescription();
        return app;
    }

    private static ContentHttpResult Index(IOptions<ShopifyOptions> shopify, IOptions<FacebookOptions> facebook)
    {
        var links = new List<string>();
        if (shopify.Value.IsSandbox)
        {
            links.Add("""<li><a href="/shopify/demo-store/login">Install the demo store</a> (sandbox Shopify, no account needed)</li>""");
            links.Add("""<li><a id="demo-sign-in" href="/console/login?shop=demo-store">Sign in as the demo store's merchant</a> (one click: the sandbox approves at once)</li>""");
        }
        if (facebook.Value.IsSandbox)
            links.Add("""<li><a href="/sandbox/chat">Chat with the demo store</a> (sandbox Messenger)</li>""");
        var html = $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>SalesBot</title>
            <style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;line-height:1.5}</style></head>
            <body><h1>SalesBot</h1>
            <p>A sales assistant for Shopify stores on Facebook Messenger.</p>
            <ul>{{string.Join("", links)}}</ul>
            <p>Install a real store at <code>/shopify/&lt;shop&gt;/login</code>; its merchant signs in at <code>/console/login?shop=&lt;shop&gt;</code>.</p>
            </body></html>
            """;
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }
}
