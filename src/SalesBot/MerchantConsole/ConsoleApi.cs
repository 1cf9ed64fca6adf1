using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using SalesBot.Shopify.Auth;

namespace SalesBot.MerchantConsole;

/// <summary>
/// <c>/console/login?shop=</c> → Shopify (online mode) → <c>/console/callback</c> → session → <c>/console</c>;
/// <c>POST /console/logout</c> (antiforgery-checked) ends it.
/// </summary>
public static class ConsoleApi
{
    public const string LoginPath = "/console/login";
    public const string CallbackPath = "/console/callback";
    public const string SignInPagePath = "/console/sign-in";

    public static RouteGroupBuilder MapConsoleSignIn(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/console").WithTags("Console").ExcludeFromDescription();
        group.MapGet("/login", LoginAsync).RequireRateLimiting(RateLimits.SignIn);
        group.MapGet("/callback", CallbackAsync).RequireRateLimiting(RateLimits.SignIn);
        group.MapPost("/logout", LogoutAsync);
        return group;
    }

    private static async Task<Results<RedirectHttpResult, BadRequest<ApiError>>> LoginAsync(string? shop, HttpContext http, MerchantSignIn signIn)
    {
        // Without a shop a browser gets the page that asks for one; a malformed one is refused before anything leaves.
        if (string.IsNullOrWhiteSpace(shop)) return TypedResults.Redirect(SignInPagePath);
        if (!ShopDomain.TryParse(shop, out var domain)) return TypedResults.BadRequest(new ApiError(ShopDomain.ErrorMessage(shop)));
        return TypedResults.Redirect(await signIn.StartAsync(http, domain));
    }

    private static async Task<Results<RedirectHttpResult, JsonHttpResult<ApiError>>> CallbackAsync(HttpContext http, MerchantSignIn signIn)
    {
        var query = http.Request.Query.Select(p => new KeyValuePair<string, string>(p.Key, p.Value.ToString())).ToList();
        try
        {
            var (session, expiresAt) = await signIn.CompleteAsync(query, http.Request.Cookies[MerchantSignIn.StateCookie], http.RequestAborted);
            http.Response.Cookies.Delete(MerchantSignIn.StateCookie, new CookieOptions { Path = MerchantSignIn.StateCookiePath });
            // Not persistent: the cookie goes with the browser session, and the ticket expires with the online token in any case.
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, session.ToPrincipal(CookieAuthenticationDefaults.AuthenticationScheme),
                new AuthenticationProperties { ExpiresUtc = expiresAt, IsPersistent = false, AllowRefresh = false });
            return TypedResults.Redirect("/console");
        }
        catch (OAuthFailure e)
        {
            return TypedResults.Json(new ApiError(e.Message), statusCode: e.StatusCode);
        }
    }

    private static async Task<Results<RedirectHttpResult, BadRequest<ApiError>>> LogoutAsync(HttpContext http, IAntiforgery antiforgery)
    {
        // No antiforgery middleware validates for us (nothing here binds a form), so the check is explicit.
        if (!await antiforgery.IsRequestValidAsync(http))
            return TypedResults.BadRequest(new ApiError("The sign-out form's antiforgery token is missing or invalid; sign out from the /console page."));
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.Redirect("/");
    }
}
