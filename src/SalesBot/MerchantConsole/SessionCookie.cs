using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using SalesBot.Configuration;

namespace SalesBot.MerchantConsole;

/// <summary>
/// The merchant's session cookie: HttpOnly, SameSite=Lax (the sign-in ends with a top-level redirect from Shopify),
/// Secure whenever the app is served over https. Its lifetime is set per sign-in from the online token's.
/// A missing session answers 401 JSON to API clients and sends browsers to sign in; a refused one answers 403 JSON.
/// </summary>
public static class SessionCookie
{
    public const string Name = "salesbot_session";

    public static CookieSecurePolicy SecurePolicy(AppOptions app) =>
        app.BaseUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

    public static void Configure(CookieAuthenticationOptions o, Microsoft.Extensions.Options.IOptions<AppOptions> app)
    {
        o.Cookie.Name = Name;
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.Cookie.SecurePolicy = SecurePolicy(app.Value);
        o.Cookie.Path = "/";
        o.SlidingExpiration = false;
        o.Events.OnRedirectToLogin = context =>
        {
            if (WantsPage(context.Request))
            {
                var shop = context.HttpContext.GetRouteValue("shop")?.ToString();
                context.Response.Redirect(ConsoleApi.LoginPath + (shop is { Length: > 0 } ? "?shop=" + Uri.EscapeDataString(shop) : ""));
                return Task.CompletedTask;
            }
            return WriteErrorAsync(context.Response, StatusCodes.Status401Unauthorized,
                "Sign in first: open /console/login?shop=<your shop>.myshopify.com in a browser.");
        };
        // A session outlives nothing it was granted for: once the shop uninstalls the app (app/uninstalled, confirmed
        // with Shopify) every session of that shop is refused, whatever the cookie's own expiry says.
        o.Events.OnValidatePrincipal = async context =>
        {
            var shop = context.Principal?.FindFirst(Shopify.Auth.MerchantSession.ShopClaim)?.Value;
            if (shop is null) return;
            var tokens = context.HttpContext.RequestServices.GetRequiredService<Shopify.Auth.ShopTokenStore>();
            if (await tokens.IsUninstalledAsync(shop, context.HttpContext.RequestAborted))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            }
        };
        o.Events.OnRedirectToAccessDenied = context =>
            WriteErrorAsync(context.Response, StatusCodes.Status403Forbidden, "This session may not use this endpoint.");
    }

    /// <summary>A browser navigating (it asks for HTML) gets the sign-in page; anything else is an API client.</summary>
    private static bool WantsPage(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);

    private static Task WriteErrorAsync(HttpResponse response, int status, string message)
    {
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        return response.WriteAsync(JsonSerializer.Serialize(new ApiError(message)));
    }
}
