using System.Text.Json.Serialization;

namespace SalesBot.Shopify.Auth;

/// <summary>The token endpoint's answer to an online-mode code: a token that lives at most a day, and who it belongs to.</summary>
public sealed record OnlineTokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("scope")] string? Scope,
    [property: JsonPropertyName("expires_in")] long? ExpiresIn,
    [property: JsonPropertyName("associated_user")] AssociatedUser? AssociatedUser) : IHasAccessToken
{
    /// <summary>Records print their properties; this one holds a secret, so it prints only who it is for.</summary>
    public override string ToString() => $"OnlineTokenResponse({TokenMask.Mask(AccessToken)}, expires_in {ExpiresIn}, user {AssociatedUser?.Id})";
}

/// <summary>The staff member who approved an online-mode authorization.</summary>
public sealed record AssociatedUser(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("first_name")] string? FirstName,
    [property: JsonPropertyName("last_name")] string? LastName,
    [property: JsonPropertyName("account_owner")] bool AccountOwner);
