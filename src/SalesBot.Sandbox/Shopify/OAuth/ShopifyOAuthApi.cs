using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SalesBot.Sandbox.Shopify.Store;
using SalesBot.Signing;

namespace SalesBot.Sandbox.Shopify.OAuth;

/// <summary>
/// Shopify's OAuth authorization-code grant: <c>GET admin/oauth/authorize</c> shows an install page
/// (or approves at once with <c>auto_approve=1</c>), approval redirects with a signed query, and
/// <c>POST admin/oauth/access_token</c> trades the single-use code for a token, or a refresh token for a new pair.
/// An authorization with <c>grant_options[]=per-user</c> (online access mode) yields a short-lived token for the
/// approving staff member, answered with <c>expires_in</c>, <c>associated_user_scope</c> and <c>associated_user</c>.
/// </summary>
internal static class ShopifyOAuthApi
{
    private static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);

    public static void MapShopifyOAuth(this RouteGroupBuilder shop)
    {
        shop.MapGet("/admin/oauth/authorize", Authorize);
        shop.MapPost("/admin/oauth/authorize", Approve).DisableAntiforgery();
        shop.MapPost("/admin/oauth/access_token", ExchangeAsync).DisableAntiforgery();
    }

    private static IResult Authorize(string shop, HttpRequest request, ShopifySandbox sandbox)
    {
        var q = request.Query;
        if (Problem(sandbox, q["client_id"], q["redirect_uri"]) is { } problem) return problem;
        var perUser = IsPerUser(q[GrantOptions]);
        if (q["auto_approve"] == "1") return Redirect(sandbox, shop, q["scope"].ToString(), q["redirect_uri"]!, q["state"].ToString(), perUser);
        return Results.Content(InstallPage(sandbox.Options.AppName, shop, q["client_id"]!, q["scope"].ToString(), q["redirect_uri"]!, q["state"].ToString(), perUser),
            "text/html; charset=utf-8");
    }

    private static async Task<IResult> Approve(string shop, HttpRequest request, ShopifySandbox sandbox)
    {
        var form = await request.ReadFormAsync();
        if (Problem(sandbox, form["client_id"], form["redirect_uri"]) is { } problem) return problem;
        return Redirect(sandbox, shop, form["scope"].ToString(), form["redirect_uri"]!, form["state"].ToString(), IsPerUser(form[GrantOptions]));
    }

    private const string GrantOptions = "grant_options[]";

    private static bool IsPerUser(Microsoft.Extensions.Primitives.StringValues options) => options.Contains("per-user");

    private static IResult? Problem(ShopifySandbox sandbox, string? clientId, string? redirectUri)
    {
        if (clientId != sandbox.Options.ApiKey)
            return ErrorPage("Oauth error invalid_request: The client_id is invalid or the app is not installed on this shop.");
        if (!Uri.TryCreate(redirectUri, UriKind.Absolute, out _))
            return ErrorPage("Oauth error invalid_request: The redirect_uri is missing or not a valid URL.");
        // Shopify sends the code only to one of the app's allowed redirection URLs.
        if (!RedirectRule.Accepts(sandbox.Options.AllowedRedirectUris, redirectUri))
            return ErrorPage("Oauth error invalid_request: The redirect_uri is not whitelisted");
        return null;
    }

    /// <summary>Issues a single-use code and redirects to the app with Shopify's signed callback query.</summary>
    private static RedirectHttpResult Redirect(ShopifySandbox sandbox, string shop, string scopes, string redirectUri, string state, bool perUser)
    {
        var store = sandbox.GetStore(shop);
        var code = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        store.AuthorizationCodes[code] = (scopes, store.Now + CodeLifetime, perUser);
        var query = new List<KeyValuePair<string, string>>
        {
            new("code", code),
            new("host", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{store.Domain}/admin")).TrimEnd('=')),
            new("shop", store.Domain),
            new("state", state),
            new("timestamp", store.Now.ToUnixTimeSeconds().ToString()),
        };
        query.Insert(1, new("hmac", new ShopifyQueryHmac(sandbox.Options.ApiSecret).Sign(query)));
        var separator = redirectUri.Contains('?') ? '&' : '?';
        return TypedResults.Redirect(redirectUri + separator + string.Join('&', query.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}")));
    }

    /// <summary>
    /// The token endpoint: an authorization code (with <c>expiring=1</c> for an expiring pair, as Shopify's libraries send it)
    /// or <c>grant_type=refresh_token</c>. Form or JSON bodies, like Shopify.
    /// </summary>
    private static async Task<IResult> ExchangeAsync(string shop, HttpRequest request, ShopifySandbox sandbox)
    {
        var store = sandbox.GetStore(shop);
        store.Tokens.CountTokenRequest();
        Dictionary<string, string?> fields;
        if (request.HasFormContentType)
            fields = (await request.ReadFormAsync()).ToDictionary(f => f.Key, f => (string?)f.Value.ToString());
        else
        {
            try
            {
                using var json = await JsonDocument.ParseAsync(request.Body);
                if (json.RootElement.ValueKind != JsonValueKind.Object) return TokenError("invalid_request", "The request body is not a JSON object.");
                fields = json.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => Text(p.Value));
            }
            catch (JsonException)
            {
                return TokenError("invalid_request", "The request body is not valid JSON.");
            }
        }
        var options = sandbox.Options;
        var secret = fields.GetValueOrDefault("client_secret");
        if (fields.GetValueOrDefault("client_id") != options.ApiKey || secret is null
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(options.ApiSecret)))
            return TokenError("invalid_request", "Client credentials are invalid.");

        if (fields.GetValueOrDefault("grant_type") == "refresh_token")
        {
            var refreshToken = fields.GetValueOrDefault("refresh_token");
            return refreshToken is not null && store.Tokens.Refresh(refreshToken) is { } refreshed
                ? Grant(refreshed)
                : TokenError("invalid_grant", "Token has been expired or revoked.");
        }

        var code = fields.GetValueOrDefault("code");
        // TryRemove makes the code single use even when two exchanges race.
        if (code is null || !store.AuthorizationCodes.TryRemove(code, out var grant) || grant.Expires < store.Now)
            return TokenError("invalid_request", "The authorization code was not found or was already used.");
        if (grant.PerUser) return OnlineGrant(store.Tokens.IssueOnline(grant.Scopes), store.Owner);
        var expiring = fields.GetValueOrDefault("expiring") is "1" or "true";
        return Grant(store.Tokens.IssueForCode(grant.Scopes, expiring));
    }

    private static IResult Grant(TokenGrant grant) => grant.RefreshToken is null
        ? Results.Json(new { access_token = grant.AccessToken, scope = grant.Scopes })
        : Results.Json(new
        {
            access_token = grant.AccessToken,
            scope = grant.Scopes,
            expires_in = grant.ExpiresIn,
            refresh_token = grant.RefreshToken,
            refresh_token_expires_in = grant.RefreshTokenExpiresIn,
        });

    /// <summary>Shopify's online-mode answer: no refresh token, the user's own scopes and who they are.</summary>
    private static IResult OnlineGrant(TokenGrant grant, StaffMember user) => Results.Json(new
    {
        access_token = grant.AccessToken,
        scope = grant.Scopes,
        expires_in = grant.ExpiresIn,
        associated_user_scope = grant.Scopes,
        associated_user = new
        {
            id = user.Id,
            first_name = user.FirstName,
            last_name = user.LastName,
            email = user.Email,
            email_verified = true,
            account_owner = user.AccountOwner,
            locale = "en",
            collaborator = false,
        },
    });

    /// <summary>Strings as they are; numbers and booleans as their JSON text (<c>"expiring": 1</c> and <c>"1"</c> mean the same).</summary>
    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => null,
    };

    private static IResult TokenError(string error, string description) =>
        Results.Json(new { error, error_description = description }, statusCode: StatusCodes.Status400BadRequest);

    private static IResult ErrorPage(string message) => Results.Content(
        $"<!doctype html><html><head><title>Oauth error</title></head><body><h1>{WebUtility.HtmlEncode(message)}</h1></body></html>",
        "text/html; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);

    private static string InstallPage(string app, string shop, string clientId, string scopes, string redirectUri, string state, bool perUser)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var scopeItems = string.Concat(scopes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => $"<li>{E(s)}</li>"));
        return $"""
            <!doctype html>
            <html><head><meta charset="utf-8"><title>Install {E(app)}</title></head>
            <body>
              <h1>Install {E(app)}</h1>
              <p>{E(app)} is asking to be installed on <strong>{E(shop)}</strong> (Shopify sandbox).</p>
              <p>It will be able to:</p>
              <ul id="scopes">{scopeItems}</ul>
              <form method="post">
                <input type="hidden" name="client_id" value="{E(clientId)}">
                <input type="hidden" name="scope" value="{E(scopes)}">
                <input type="hidden" name="redirect_uri" value="{E(redirectUri)}">
                <input type="hidden" name="state" value="{E(state)}">
                {(perUser ? $"<input type=\"hidden\" name=\"{GrantOptions}\" value=\"per-user\">" : "")}
                <button type="submit" id="install">Install</button>
              </form>
            </body></html>
            """;
    }
}
