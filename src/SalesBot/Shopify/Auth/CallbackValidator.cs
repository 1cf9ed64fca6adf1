using System.Security.Cryptography;
using System.Text;

namespace SalesBot.Shopify.Auth;

/// <summary>
/// Every check on an OAuth callback before the code may be exchanged, in order: a valid shop (400),
/// Shopify's HMAC and a fresh timestamp (401), the state bound to this browser (403) and still unused (403),
/// and a code (400). The state is consumed by the last check that can fail on it, so a replay is refused.
/// </summary>
public sealed class CallbackValidator(CallbackVerifier verifier, OAuthStateStore states)
{
    public const string Purpose = "shopify";

    /// <summary>The nonce purpose of a merchant's console sign-in (online mode), kept apart so an install state cannot finish a sign-in.</summary>
    public const string SignInPurpose = "shopify-signin";

    /// <summary>The shop and code of a genuine install callback; throws <see cref="OAuthFailure"/> otherwise.</summary>
    public Task<(string Shop, string Code)> ValidateAsync(
        IReadOnlyList<KeyValuePair<string, string>> query, string? stateCookie, CancellationToken cancellationToken) =>
        ValidateAsync(query, stateCookie, Purpose, "start the install again from /shopify/{shop}/login", cancellationToken);

    /// <summary>The same checks for a callback whose state was made for <paramref name="purpose"/>; <paramref name="restart"/> says where to start again.</summary>
    public async Task<(string Shop, string Code)> ValidateAsync(
        IReadOnlyList<KeyValuePair<string, string>> query, string? stateCookie, string purpose, string restart, CancellationToken cancellationToken)
    {
        string Param(string name) => query.FirstOrDefault(p => p.Key == name).Value ?? "";

        if (!ShopDomain.TryParse(Param("shop"), out var shop))
            throw new OAuthFailure(400, ShopDomain.ErrorMessage(Param("shop")));
        if (verifier.Verify(query) is { } hmacProblem)
            throw new OAuthFailure(401, hmacProblem);
        var state = Param("state");
        if (state.Length == 0 || stateCookie is null
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(stateCookie), Encoding.UTF8.GetBytes(state)))
            throw new OAuthFailure(403, $"The state does not match this browser's login; {restart}.");
        if (!await states.TryConsumeAsync(purpose, state, shop, cancellationToken))
            throw new OAuthFailure(403, $"The state is unknown, used or expired; {restart}.");
        if (Param("code") is not { Length: > 0 } code)
            throw new OAuthFailure(400, "The callback has no code.");
        return (shop, code);
    }
}
