using SalesBot.Shopify.Auth;

namespace SalesBot.MerchantConsole;

/// <summary>
/// "Sign in with Shopify": the install's authorization in online access mode (<c>grant_options[]=per-user</c>), with the
/// install's callback checks (HMAC, timestamp, browser-bound single-use state) and code exchange. Shopify's answer names the
/// staff member (<c>associated_user</c>); that and the shop become the session. The online token is dropped: nothing needs it.
/// </summary>
public sealed class MerchantSignIn(AuthorizeRedirect authorize, CallbackValidator validator, AccessTokenExchanger exchanger, TimeProvider time)
{
    public const string StateCookie = "salesbot_console_state";
    public const string StateCookiePath = "/console";

    /// <summary>A session never outlives Shopify's online token, which lasts at most a day.</summary>
    public static readonly TimeSpan MaxSession = TimeSpan.FromDays(1);

    public Task<string> StartAsync(HttpContext http, string shop) =>
        authorize.StartAsync(http, shop, CallbackValidator.SignInPurpose, (StateCookie, StateCookiePath), ConsoleApi.CallbackPath, perUser: true);

    /// <summary>The session of a genuine sign-in callback and when it ends; throws <see cref="OAuthFailure"/> otherwise.</summary>
    public async Task<(MerchantSession Session, DateTimeOffset ExpiresAt)> CompleteAsync(
        IReadOnlyList<KeyValuePair<string, string>> query, string? stateCookie, CancellationToken cancellationToken)
    {
        var (shop, code) = await validator.ValidateAsync(query, stateCookie, CallbackValidator.SignInPurpose,
            $"sign in again from {ConsoleApi.LoginPath}?shop=<your shop>", cancellationToken);
        var token = await exchanger.ExchangeOnlineAsync(shop, code, cancellationToken);
        var user = token.AssociatedUser!;
        var lifetime = token.ExpiresIn is > 0 and var seconds && TimeSpan.FromSeconds(seconds) < MaxSession ? TimeSpan.FromSeconds(seconds) : MaxSession;
        return (new MerchantSession(shop, user.Id, user.Email), time.GetUtcNow() + lifetime);
    }
}
