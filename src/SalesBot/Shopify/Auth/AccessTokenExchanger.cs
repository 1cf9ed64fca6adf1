using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using SalesBot.Configuration;

namespace SalesBot.Shopify.Auth;

/// <summary>
/// Trades an OAuth code for an offline access token. Not retried: a code is single use, so a retry
/// after a lost response would only fail with a less useful message.
/// </summary>
public sealed class AccessTokenExchanger(HttpClient http, IOptions<ShopifyOptions> options)
{
    public async Task<AccessTokenResponse> ExchangeAsync(string shop, string code, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var credentials = ShopifyCredentials.From(o);
        var url = new Uri($"{o.AdminOrigin(shop)}/admin/oauth/access_token");
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync(url, new AccessTokenRequest(credentials.ApiKey, credentials.ApiSecret, code), cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new OAuthFailure(502, $"Could not reach {shop} to exchange the code: {e.Message}");
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
                throw new OAuthFailure(502, $"{shop} refused the code exchange (HTTP {(int)response.StatusCode}).");
            var token = await response.Content.ReadFromJsonAsync<AccessTokenResponse>(cancellationToken);
            if (token is not { AccessToken.Length: > 0 })
                throw new OAuthFailure(502, $"{shop} answered the code exchange without an access token.");
            return token;
        }
    }

    private sealed record AccessTokenRequest(
        [property: JsonPropertyName("client_id")] string ClientId,
        [property: JsonPropertyName("client_secret")] string ClientSecret,
        [property: JsonPropertyName("code")] string Code);
}

public sealed record AccessTokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("scope")] string? Scope);
