using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using SalesBot.Shopify.Auth;

namespace SalesBot.MerchantConsole;

/// <summary>The console's first page: who is signed in, for which shop, and the way out (a form with its antiforgery token).</summary>
public static class ConsolePage
{
    public static string Render(MerchantSession session, AntiforgeryTokenSet tokens)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var shop = Uri.EscapeDataString(session.Shop);
        return $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>SalesBot console</title>
            <style>body{"{"}font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;line-height:1.5{"}"}</style></head>
            <body><h1>SalesBot console</h1>
            <p>Signed in as <strong id="staff-email">{E(session.Email ?? $"staff member {session.UserId}")}</strong>
            for <strong id="shop">{E(session.Shop)}</strong>.</p>
            <ul>
              <li><a href="/shopify/{shop}/status">Sync and snapshot status</a></li>
              <li><a href="/facebook/login">Connect a Facebook Page to this shop</a></li>
            </ul>
            <form method="post" action="/console/logout">
              <input type="hidden" name="{E(tokens.FormFieldName)}" value="{E(tokens.RequestToken)}">
              <button type="submit" id="sign-out">Sign out</button>
            </form>
            </body></html>
            """;
    }
}
