namespace SalesBot.Insights;

/// <summary>
/// <c>GET /go/{token}</c>: counts a shopper's Buy click, then 302 to the store URL the token carries. A HEAD, or a
/// link-preview crawler fetching the URL button (Meta's crawler reads URL-button targets: Messenger Platform,
/// "URL button"), is redirected without counting. A token the app did not issue is a 404, never a redirect.
/// </summary>
public static class BuyLinkApi
{
    /// <summary>User agents that fetch links to preview them, not shoppers: Meta's crawlers.</summary>
    private static readonly string[] Crawlers = ["facebookexternalhit", "Facebot", "meta-externalagent"];

    public static IEndpointRouteBuilder MapBuyLinks(this IEndpointRouteBuilder app)
    {
        app.MapMethods(BuyLinks.PathPrefix + "{token}", [HttpMethods.Get, HttpMethods.Head], FollowAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> FollowAsync(string token, HttpContext context, BuyLinks links, InsightsRecorder insights)
    {
        if (links.Read(token) is not { } link)
            return TypedResults.Json(new ApiError("This link is not valid: it was not issued by this app, or it was altered."), statusCode: StatusCodes.Status404NotFound);
        if (HttpMethods.IsGet(context.Request.Method) && !IsCrawler(context.Request.Headers.UserAgent.ToString()))
            await insights.BuyClickAsync(link, context.RequestAborted);
        // Every click must reach the app to be counted, so no cache may keep the redirect.
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["X-Robots-Tag"] = "noindex";
        return Results.Redirect(link.StoreUrl);
    }

    internal static bool IsCrawler(string userAgent) =>
        Crawlers.Any(c => userAgent.Contains(c, StringComparison.OrdinalIgnoreCase));
}
