using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SalesBot.Shopify.Auth;
using SalesBot.Signing;

namespace SalesBot.Facebook;

/// <summary>Page connect (<c>/facebook/login</c>, <c>/facebook/callback</c>), the Messenger webhook and the data deletion callback.</summary>
public static class FacebookApi
{
    public const string StateCookie = "salesbot_fb_state";

    public static RouteGroupBuilder MapFacebook(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/facebook").WithTags("Facebook");
        // Pages are linked to the signed-in merchant's shop and to no other: no ?shop=, no shop cookie.
        group.MapGet("/login", Login).RequireAuthorization(MerchantSession.Policy).RequireRateLimiting(RateLimits.SignIn);
        group.MapGet("/callback", Callback).RequireRateLimiting(RateLimits.SignIn);
        group.MapGet("/webhook", Verify);
        group.MapPost("/webhook", Receive);
        group.MapDataDeletion();
        return group;
    }

    private static async Task<Results<RedirectHttpResult, UnauthorizedHttpResult>> Login(
        HttpContext http, PageConnectService connect, CancellationToken cancellationToken)
    {
        if (MerchantSession.From(http.User) is not { } merchant) return TypedResults.Unauthorized();
        var (dialog, state) = await connect.StartAsync(merchant.Shop, cancellationToken);
        http.Response.Cookies.Append(StateCookie, state, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps,
            MaxAge = PageConnectService.StateLifetime, Path = "/facebook",
        });
        return TypedResults.Redirect(dialog.ToString());
    }

    /// <summary>
    /// A merchant's browser (it asks for HTML) lands back on the console's pages with a notice; an API client gets the
    /// JSON report.
    /// </summary>
    private static async Task<Results<Ok<PageConnectReport>, BadRequest<ApiError>, RedirectHttpResult>> Callback(
        [FromQuery] string? code, [FromQuery] string? state, HttpContext http, PageConnectService connect, CancellationToken cancellationToken)
    {
        var report = await connect.CompleteAsync(code, state, http.Request.Cookies[StateCookie], MerchantSession.From(http.User)?.Shop, cancellationToken);
        http.Response.Cookies.Delete(StateCookie, new CookieOptions { Path = "/facebook" });
        if (WantsPage(http.Request)) return TypedResults.Redirect(PageConnectNotice.ConsoleUrl(report));
        return report.Ok ? TypedResults.Ok(report) : TypedResults.BadRequest(new ApiError(report.Error ?? "The page connect failed."));
    }

    private static bool WantsPage(HttpRequest request) =>
        request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);

    private static Results<ContentHttpResult, JsonHttpResult<ApiError>> Verify(
        [FromQuery(Name = "hub.mode")] string? mode,
        [FromQuery(Name = "hub.verify_token")] string? token,
        [FromQuery(Name = "hub.challenge")] string? challenge,
        FacebookApp facebook)
    {
        var valid = mode == "subscribe" && token is not null && challenge is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(facebook.VerifyToken));
        return valid
            ? TypedResults.Text(challenge!, "text/plain")
            : TypedResults.Json(new ApiError("Verification refused: hub.mode must be subscribe and hub.verify_token must match."), statusCode: StatusCodes.Status403Forbidden);
    }

    private static async Task<Results<Ok, JsonHttpResult<ApiError>>> Receive(
        HttpRequest request, MessengerWebhookReceiver receiver, CancellationToken cancellationToken)
    {
        // The signature covers the raw bytes, so they are read before anything parses them.
        var body = await RequestBody.ReadBoundedAsync(request, RequestBody.WebhookLimit, cancellationToken);
        if (body is null)
            return TypedResults.Json(new ApiError(RequestBody.TooLargeMessage(RequestBody.WebhookLimit)), statusCode: StatusCodes.Status413PayloadTooLarge);
        var (outcome, _) = await receiver.ReceiveAsync(body, request.Headers[MetaSignature.HeaderName], cancellationToken);
        return outcome switch
        {
            WebhookOutcome.Accepted => TypedResults.Ok(),
            WebhookOutcome.BadSignature => TypedResults.Json(new ApiError($"Invalid {MetaSignature.HeaderName} signature."), statusCode: StatusCodes.Status403Forbidden),
            _ => TypedResults.Json(new ApiError("The body is not a Messenger page event."), statusCode: StatusCodes.Status400BadRequest),
        };
    }
}
