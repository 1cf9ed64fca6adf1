using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using SalesBot.Configuration;

namespace SalesBot.Shopify.Auth;

/// <summary>
/// Shopify's token endpoint (<c>POST {origin}/admin/oauth/access_token</c>): trades an OAuth code for an expiring
/// offline token (<c>expiring: "1"</c>, as <c>@shopify/shopify-api</c> sends it), and a refresh token for a new pair.
/// </summary>
public sealed class AccessTokenExchanger(IHttpClientFactory httpClients, IOptions<ShopifyOptions> options, TimeProvider time)
{
    public const string HttpClientName = "shopify-oauth";
    private const int RefreshAttempts = 3;

    private HttpClient Http => httpClients.CreateClient(HttpClientName);

    /// <summary>Not retried: a code is single use, so a retry after a lost response would only fail with a less useful message.</summary>
    public async Task<AccessTokenResponse> ExchangeAsync(string shop, string code, CancellationToken cancellationToken)
    {
        var credentials = ShopifyCredentials.From(options.Value);
        return await ExchangeCodeAsync<AccessTokenResponse>(shop, new CodeRequest(credentials.ApiKey, credentials.ApiSecret, code, "1"), cancellationToken);
    }

    /// <summary>
    /// The code of an online-mode (<c>grant_options[]=per-user</c>) authorization: a short-lived token tied to the staff member
    /// who approved, named in <c>associated_user</c>. Online tokens already expire, so <c>expiring</c> is not sent.
    /// </summary>
    public async Task<OnlineTokenResponse> ExchangeOnlineAsync(string shop, string code, CancellationToken cancellationToken)
    {
        var credentials = ShopifyCredentials.From(options.Value);
        var token = await ExchangeCodeAsync<OnlineTokenResponse>(shop, new CodeRequest(credentials.ApiKey, credentials.ApiSecret, code, Expiring: null), cancellationToken);
        if (token.AssociatedUser is not { Id: > 0 })
            throw new OAuthFailure(502, $"{shop} answered the sign-in without the staff member (associated_user): was it an online-mode authorization?");
        return token;
    }

    private async Task<T> ExchangeCodeAsync<T>(string shop, object body, CancellationToken cancellationToken) where T : class, IHasAccessToken
    {
        HttpResponseMessage response;
        try
        {
            response = await Http.PostAsJsonAsync(TokenUrl(shop), body, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new OAuthFailure(502, $"Could not reach {shop} to exchange the code: {e.Message}");
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
                throw new OAuthFailure(502, $"{shop} refused the code exchange (HTTP {(int)response.StatusCode}).");
            T? token;
            try
            {
                token = await response.Content.ReadFromJsonAsync<T>(cancellationToken);
            }
            catch (System.Text.Json.JsonException)
            {
                throw new OAuthFailure(502, $"{shop} answered the code exchange with something that is not the token JSON.");
            }
            if (token is not { AccessToken.Length: > 0 })
                throw new OAuthFailure(502, $"{shop} answered the code exchange without an access token.");
            return token;
        }
    }

    /// <summary>
    /// Trades <paramref name="refreshToken"/> for a new pair. Network failures, 429 and 5xx are retried a few times: Shopify keeps
    /// a used refresh token valid until the new access token is used, so resending after a lost answer is safe.
    /// </summary>
    /// <exception cref="TokenRefreshException">Refused (<see cref="TokenRefreshException.IsRefused"/>) or Shopify unreachable.</exception>
    public async Task<AccessTokenResponse> RefreshAsync(string shop, string refreshToken, CancellationToken cancellationToken)
    {
        var credentials = ShopifyCredentials.From(options.Value);
        var body = new RefreshRequest(credentials.ApiKey, credentials.ApiSecret, refreshToken, "refresh_token");
        for (var attempt = 1; ; attempt++)
        {
            string problem;
            try
            {
                using var response = await Http.PostAsJsonAsync(TokenUrl(shop), body, cancellationToken);
                var status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    var token = await response.Content.ReadFromJsonAsync<AccessTokenResponse>(cancellationToken);
                    if (token is { AccessToken.Length: > 0 }) return token;
                    problem = "the answer had no access token";
                }
                else if (status is >= 400 and < 500 and not 429)
                    throw new TokenRefreshException(true, $"Shopify refused the refresh token of {shop} (HTTP {status}{await ReasonAsync(response, cancellationToken)}).");
                else problem = $"HTTP {status}";
            }
            catch (HttpRequestException e)
            {
                problem = $"network error: {e.Message}";
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                problem = "request timed out";
            }
            catch (System.Text.Json.JsonException)
            {
                problem = "the answer was not JSON";
            }
            if (attempt == RefreshAttempts)
                throw new TokenRefreshException(false, $"Could not refresh the access token of {shop} after {attempt} attempts ({problem}).");
            await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt), time, cancellationToken);
        }
    }

    private Uri TokenUrl(string shop) => new($"{options.Value.AdminOrigin(shop)}/admin/oauth/access_token");

    /// <summary>Shopify's OAuth error (<c>invalid_grant</c>: "Token has been expired or revoked."), which names no secret.</summary>
    private static async Task<string> ReasonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var error = await response.Content.ReadFromJsonAsync<OAuthError>(cancellationToken);
            if (error?.Error is not { Length: > 0 } code) return "";
            return error.Description is { Length: > 0 } description ? $": {code}, {Clip(description)}" : $": {code}";
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException or HttpRequestException)
        {
            return "";
        }
    }

    private static string Clip(string s) => s.Length > 200 ? s[..200] : s;

    private sealed record CodeRequest(
        [property: JsonPropertyName("client_id")] string ClientId,
        [property: JsonPropertyName("client_secret")] string ClientSecret,
        [property: JsonPropertyName("code")] string Code,
        // "1" asks for an expiring offline token; an online-mode code leaves it out (online tokens expire anyway).
        [property: JsonPropertyName("expiring"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Expiring);

    private sealed record RefreshRequest(
        [property: JsonPropertyName("client_id")] string ClientId,
        [property: JsonPropertyName("client_secret")] string ClientSecret,
        [property: JsonPropertyName("refresh_token")] string RefreshToken,
        [property: JsonPropertyName("grant_type")] string GrantType);

    private sealed record OAuthError(
        [property: JsonPropertyName("error")] string? Error,
        [property: JsonPropertyName("error_description")] string? Description);
}

/// <summary>Any answer of the token endpoint to a code.</summary>
public interface IHasAccessToken
{
    string AccessToken { get; }
}

/// <summary>What Shopify's token endpoint answers; the expiry fields are absent for a lifetime token.</summary>
public sealed record AccessTokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("scope")] string? Scope,
    [property: JsonPropertyName("expires_in")] long? ExpiresIn = null,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken = null,
    [property: JsonPropertyName("refresh_token_expires_in")] long? RefreshTokenExpiresIn = null) : IHasAccessToken
{
    public bool IsExpiring => ExpiresIn is > 0 && RefreshToken is { Length: > 0 };

    /// <summary>Records print their properties; this one holds secrets, so it prints only their shape.</summary>
    public override string ToString() => $"AccessTokenResponse({TokenMask.Mask(AccessToken)}, expires_in {ExpiresIn}, refresh token {(RefreshToken is null ? "none" : "held")})";
}

/// <summary>A refresh that failed: refused by Shopify (final: the shop must authorize again), or Shopify could not be reached.</summary>
public sealed class TokenRefreshException(bool refused, string message) : Exception(message)
{
    public bool IsRefused { get; } = refused;
}
