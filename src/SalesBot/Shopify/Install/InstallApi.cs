using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SalesBot.Configuration;
using SalesBot.Shopify.Admin;
using SalesBot.Shopify.Auth;

namespace SalesBot.Shopify.Install;

/// <summary>
/// The end of the merchant's install: Shopify → <c>/shopify/callback</c> → verify, exchange the code, install, report.
/// It is the install orchestration's edge, so Auth (where the login starts) does not depend on Install.
/// </summary>
public static class InstallApi
{
    public static RouteGroupBuilder MapShopifyInstall(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/shopify").WithTags("Shopify install");
        group.MapGet("/callback", CallbackAsync).RequireRateLimiting(RateLimits.SignIn);
        return group;
    }

    private static async Task<Results<FileContentHttpResult, JsonHttpResult<ApiError>>> CallbackAsync(
        HttpContext http, CallbackValidator validator, AccessTokenExchanger exchanger, ShopInstaller installer, ILoggerFactory loggers,
        IOptions<AppOptions> app, IOptions<FacebookOptions> facebook)
    {
        var query = http.Request.Query.Select(p => new KeyValuePair<string, string>(p.Key, p.Value.ToString())).ToList();
        string? shop = null;
        try
        {
            (shop, var code) = await validator.ValidateAsync(query, http.Request.Cookies[ShopifyAuthApi.StateCookie], http.RequestAborted);
            http.Response.Cookies.Delete(ShopifyAuthApi.StateCookie, new CookieOptions { Path = "/shopify" });
            var token = await exchanger.ExchangeAsync(shop, code, http.RequestAborted);
            var report = await installer.InstallAsync(shop, token, http.RequestAborted);
            report = report with { NextSteps = NextSteps(app.Value.BaseUrlTrimmed, shop, facebook.Value.IsSandbox) };
            return TypedResults.File(report.ToJson(), "application/json; charset=utf-8");
        }
        catch (OAuthFailure e)
        {
            return Error(e.StatusCode, e.Message);
        }
        catch (ShopifyApiException e)
        {
            loggers.CreateLogger(typeof(InstallApi)).LogWarning("Install of {Shop} failed: {Reason}", shop, e.Message);
            return Error(502, $"The install of {shop} could not read the catalog: {e.Message}");
        }
    }

    /// <summary>What a person who just installed does next: chat (sandbox Messenger) or connect a real Facebook Page.</summary>
    internal static IReadOnlyList<string> NextSteps(string baseUrl, string shop, bool facebookSandbox) => facebookSandbox
        ? [$"Chat with the store as a shopper: {baseUrl}/sandbox/chat", $"Home page: {baseUrl}/"]
        : [$"Sign in as this shop's merchant, then connect a Facebook Page from the console: {baseUrl}/console/login?shop={Uri.EscapeDataString(shop)}", $"Home page: {baseUrl}/"];

    private static JsonHttpResult<ApiError> Error(int status, string message) => TypedResults.Json(new ApiError(message), statusCode: status);
}
