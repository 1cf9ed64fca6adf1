namespace SalesBot.Shopify.Admin;

/// <summary>
/// Where the Admin client gets the token it sends. Shopify.Auth implements it (expiring tokens, refreshed
/// under a per-shop lock); the client only asks again when the grant is due or Shopify answered 401.
/// </summary>
public interface IAccessTokenSource
{
    /// <summary>A usable token, refreshed first when it is due; null when the shop has none (not installed, needs re-authorization).</summary>
    Task<AccessGrant?> GetAsync(string shop, CancellationToken cancellationToken);

    /// <summary>After Shopify refused <paramref name="rejectedToken"/> with 401: a newer token, or null when there is none to be had.</summary>
    Task<AccessGrant?> RenewAsync(string shop, string rejectedToken, CancellationToken cancellationToken);
}

/// <summary>A token and when to ask for it again (a little before it expires); null <see cref="RenewAt"/> for tokens that do not expire.</summary>
public sealed record AccessGrant(string Token, DateTimeOffset? RenewAt)
{
    public override string ToString() => $"AccessGrant(renew at {RenewAt:O})"; // never the token itself
}

/// <summary>One token that never changes: custom-app tokens, benchmarks and tests that talk to the Admin API directly.</summary>
public sealed class FixedAccessToken(string token) : IAccessTokenSource
{
    private readonly AccessGrant _grant = new(token, null);

    public Task<AccessGrant?> GetAsync(string shop, CancellationToken cancellationToken) => Task.FromResult<AccessGrant?>(_grant);

    public Task<AccessGrant?> RenewAsync(string shop, string rejectedToken, CancellationToken cancellationToken) => Task.FromResult<AccessGrant?>(null);
}
