namespace SalesBot.Shopify.Auth;

/// <summary>A refused install step, with the HTTP status and a message safe to show the merchant.</summary>
public sealed class OAuthFailure(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}
