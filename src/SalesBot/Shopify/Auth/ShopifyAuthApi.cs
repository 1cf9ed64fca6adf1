using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SalesBot.Configuration;
using SalesBot.Shopify.Admin;
using SalesBot.Shopify.Install;

namespace SalesBot.Shopify.Auth;

/// <summary>The merchant's install flow: <c>/shopify/{shop}/login</c> → Shopify → <c>/shopify/callback</c>.</summary>
public static class ShopifyAuthApi
{
    public const string StateCookie = "salesbot_shopify_state";

    public static RouteGroupBuilder MapShopifyAuth(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/shopify").WithTags("Shopify install");
        group.MapGet("/{shop}/login", LoginAsync);
        group.MapGet("/callback", CallbackAsync);
        return group;
    }

    private static async Task<Results<RedirectHttpResult, BadRequest<ApiError>>> LoginAsync(
        string shop, HttpContext http, OAuthStateStore states, IOptions<ShopifyOptions> options, IOptions<AppOptions> app)
    {
        if (!ShopDomain.TryParse(shop, out var domain))
            return TypedResults.BadRequest(new ApiError(ShopDomain.ErrorMessage(shop)));

        var state = await states.CreateAsync(CallbackValidator.Purpose, domain, http.RequestAborted);
        http.Response.Cookies.Append(StateCookie, state, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Lax, // the callback is a top-level GET from Shopify's domain
            Path = "/shopify",
            MaxAge = OAuthStateStore.Lifetime,
        });

        var o = options.Value;
        var query = QueryString.Create(new KeyValuePair<string, string?>[]
        {
            new("client_id", ShopifyCredentials.From(o).ApiKey),
            new("scope", o.Scopes),
            new("redirect_uri", $"{app.Value.BaseUrlTrimmed}/shopify/callback"),
            new("state", state),
        });
        return TypedResults.Redirect($"{o.AdminOrigin(domain)}/admin/oauth/authorize{query}");
    }

    private static async Task<Results<FileContentHttpResult, JsonHttpResult<ApiError>>> CallbackAsync(
        HttpContext http, CallbackValidator validator, AccessTokenExchanger exchanger, ShopInstaller installer, ILoggerFactory loggers,
        IOptions<AppOptions> app, IOptions<FacebookOptions> facebook)
    {
        var query = http.Request.Query.Select(p => new KeyValuePair<string, string>(p.Key, p.Value.ToString())).ToList();
        string? shop = null;
        try
        {
            (shop, var code) = await validator.ValidateAsync(query, http.Request.Cookies[StateCookie], http.RequestAborted);
            http.Response.Cookies.Delete(StateCookie, new CookieOptions { Path = "/shopify" });
            var token = await exchanger.ExchangeAsync(shop, code, http.RequestAborted);
            var report = await installer.InstallAsync(shop, token, http.RequestAborted);
            InstalledShopCookie.Set(http, shop);
            report = report with { NextSteps = NextSteps(app.Value.BaseUrlTrimmed, shop, facebook.Value.IsSandbox) };
            return TypedResults.File(report.ToJson(), "application/json; charset=utf-8");
        }
        catch (OAuthFailure e)
        {
            return Error(e.StatusCode, e.Message);
        }
        catch (ShopifyApiException e)
        {
            loggers.CreateLogger(typeof(ShopifyAuthApi)).LogWarning("Install of {Shop} failed: {Reason}", shop, e.Message);
            return Error(502, $"The install of {shop} could not read the catalog: {e.Message}");
        }
    }

    /// <summary>What a person who just installed does next: chat (sandbox Messenger) or connect a real Facebook Page.</summary>
    internal static IReadOnlyList<string> NextSteps(string baseUrl, string shop, bool facebookSandbox) => facebookSandbox
        ? [$"Chat with the store as a shopper: {baseUrl}/sandbox/chat", $"Home page: {baseUrl}/"]
        : [$"Connect a Facebook Page to this shop: {baseUrl}/facebook/login?shop={Uri.EscapeDataString(shop)}", $"Home page: {baseUrl}/"];

    private static JsonHttpResult<ApiError> Error(int status, string message) => TypedResults.Json(new ApiError(message), statusCode: status);
}
