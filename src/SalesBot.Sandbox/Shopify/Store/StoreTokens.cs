using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace SalesBot.Sandbox.Shopify.Store;

/// <summary>
/// A shop's offline tokens, as Shopify keeps them. A code exchange with <c>expiring=1</c> issues an access token of
/// <see cref="ShopifySandboxOptions.AccessTokenLifetime"/> and a refresh token; every refresh replaces both. A used
/// refresh token stays valid until the access token it produced is first used (or its own replacement is used), then it
/// is refused with <c>invalid_grant</c>. Stricter than documented in one point: refreshing again with the same token
/// revokes the unused pair the previous refresh issued, so two unsynchronized refreshers lose one pair.
/// Custom-app tokens (<see cref="IssueCustomAppToken"/>) never expire and are always accepted.
/// </summary>
public sealed class StoreTokens(TimeProvider time, ShopifySandboxOptions options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, RefreshEntry> _refresh = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _issued = new();
    private int? _expireAfterRequests;
    private int _refreshesGranted, _refreshesRefused, _tokenRequests, _unauthorized;

    /// <summary>Access tokens granted to the app (custom-app, lifetime and expiring ones).</summary>
    public ConcurrentDictionary<string, StoreAccessToken> Access { get; } = new(StringComparer.Ordinal);

    /// <summary>Every access and refresh token ever issued, for tests that look for one stored or shown in clear.</summary>
    public IReadOnlyList<string> Issued => [.. _issued];

    public int RefreshesGranted => _refreshesGranted;
    public int RefreshesRefused => _refreshesRefused;
    /// <summary>Every POST to the token endpoint (code exchanges and refreshes, granted or not).</summary>
    public int TokenRequests => _tokenRequests;
    /// <summary>Admin API requests answered 401.</summary>
    public int UnauthorizedRequests => _unauthorized;

    internal void CountTokenRequest() => Interlocked.Increment(ref _tokenRequests);

    public string IssueCustomAppToken(string scopes) => AddAccess(scopes, StoreTokenKind.CustomApp, null, null);

    /// <summary>A non-expiring OAuth token, as a code exchange without <c>expiring=1</c> gives (and every install did before them).</summary>
    public string IssueLifetimeToken(string scopes)
    {
        lock (_gate) return AddAccess(scopes, StoreTokenKind.Lifetime, null, null);
    }

    /// <summary>What the code exchange answers: a lifetime token, or an expiring pair.</summary>
    internal TokenGrant IssueForCode(string scopes, bool expiring)
    {
        lock (_gate)
        {
            return expiring ? IssuePair(scopes, null) : new TokenGrant(AddAccess(scopes, StoreTokenKind.Lifetime, null, null), scopes, null, null, null);
        }
    }

    /// <summary>
    /// An online (per-user) token, as the code exchange of a <c>grant_options[]=per-user</c> authorization gives: it
    /// expires with the user's session (<see cref="ShopifySandboxOptions.OnlineTokenLifetime"/>) and has no refresh token.
    /// </summary>
    internal TokenGrant IssueOnline(string scopes)
    {
        lock (_gate)
        {
            var seconds = Seconds(options.OnlineTokenLifetime);
            return new TokenGrant(AddAccess(scopes, StoreTokenKind.Online, time.GetUtcNow().AddSeconds(seconds), null), scopes, seconds, null, null);
        }
    }

    /// <summary>A new pair for <paramref name="refreshToken"/>, or null (and <c>invalid_grant</c>) when it is unknown, expired or retired.</summary>
    internal TokenGrant? Refresh(string refreshToken)
    {
        lock (_gate)
        {
            if (!_refresh.TryGetValue(refreshToken, out var entry) || entry.Retired || entry.ExpiresAt <= time.GetUtcNow()
                || entry.Successor is { } used && used.Used)
            {
                if (entry is not null) entry.Retired = true;
                Interlocked.Increment(ref _refreshesRefused);
                return null;
            }
            // Its own replacement in use retires the one before it.
            if (entry.Predecessor is { } before) before.Retired = true;
            if (entry.Successor is { } unused)
            {
                Access.TryRemove(unused.Token, out _);
                if (entry.SuccessorRefresh is { } lost) lost.Retired = true;
            }
            var grant = IssuePair(entry.Scopes, entry);
            Interlocked.Increment(ref _refreshesGranted);
            return grant;
        }
    }

    /// <summary>Checks the token an Admin API request carries; its first use retires the refresh token that produced it.</summary>
    internal string? Refusal(string token)
    {
        lock (_gate)
        {
            if (_expireAfterRequests is { } left)
            {
                if (left <= 0)
                {
                    ExpireAllNow();
                    _expireAfterRequests = null;
                }
                else _expireAfterRequests = left - 1;
            }
            string? refusal = null;
            if (token.Length == 0 || !Access.TryGetValue(token, out var access)) refusal = InvalidToken;
            else if (access.Kind is StoreTokenKind.Expiring or StoreTokenKind.Online && access.ExpiresAt <= time.GetUtcNow()) refusal = InvalidToken;
            else if (access.Kind == StoreTokenKind.Lifetime && options.RefuseLifetimeTokens) refusal = LifetimeRefused;
            else if (!access.Used)
            {
                access.Used = true;
                if (access.IssuedBy is { } predecessor) predecessor.Retired = true;
            }
            if (refusal is not null) Interlocked.Increment(ref _unauthorized);
            return refusal;
        }
    }

    /// <summary>Test control: the next <paramref name="requests"/> Admin API requests pass, then every expiring access token held now expires.</summary>
    public void ExpireAccessTokensAfter(int requests)
    {
        lock (_gate) _expireAfterRequests = requests;
    }

    /// <summary>As after an uninstall: nothing issued so far works any more.</summary>
    public void RevokeAll()
    {
        lock (_gate)
        {
            Access.Clear();
            foreach (var entry in _refresh.Values) entry.Retired = true;
        }
    }

    /// <summary>Refuses every refresh token issued so far (Shopify revoking the app's grant) while access tokens live on until they expire.</summary>
    public void RevokeRefreshTokens()
    {
        lock (_gate)
            foreach (var entry in _refresh.Values) entry.Retired = true;
    }

    public const string InvalidToken = "[API] Invalid API key or access token (unrecognized login or wrong password)";
    public const string LifetimeRefused = "[API] Non-expiring access tokens are no longer accepted for public apps. Use an expiring offline access token.";

    private void ExpireAllNow()
    {
        var now = time.GetUtcNow();
        foreach (var access in Access.Values)
            if (access.Kind == StoreTokenKind.Expiring && access.ExpiresAt > now) access.ExpiresAt = now;
    }

    private TokenGrant IssuePair(string scopes, RefreshEntry? issuedBy)
    {
        var now = time.GetUtcNow();
        var accessSeconds = Seconds(options.AccessTokenLifetime);
        var refreshSeconds = Seconds(options.RefreshTokenLifetime);
        var refreshToken = "shprt_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _issued.Enqueue(refreshToken);
        var entry = new RefreshEntry(scopes, now.AddSeconds(refreshSeconds)) { Predecessor = issuedBy };
        _refresh[refreshToken] = entry;
        var accessToken = AddAccess(scopes, StoreTokenKind.Expiring, now.AddSeconds(accessSeconds), issuedBy);
        if (issuedBy is not null)
        {
            issuedBy.Successor = Access[accessToken];
            issuedBy.SuccessorRefresh = entry;
        }
        return new TokenGrant(accessToken, scopes, accessSeconds, refreshToken, refreshSeconds);
    }

    private string AddAccess(string scopes, StoreTokenKind kind, DateTimeOffset? expiresAt, RefreshEntry? issuedBy)
    {
        var token = "shpat_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _issued.Enqueue(token);
        Access[token] = new StoreAccessToken(token, scopes, kind, expiresAt) { IssuedBy = issuedBy };
        return token;
    }

    private static long Seconds(TimeSpan lifetime) => Math.Max(1, (long)Math.Ceiling(lifetime.TotalSeconds));

    internal sealed class RefreshEntry(string scopes, DateTimeOffset expiresAt)
    {
        public string Scopes { get; } = scopes;
        public DateTimeOffset ExpiresAt { get; } = expiresAt;
        public bool Retired { get; set; }
        public RefreshEntry? Predecessor { get; init; }
        public StoreAccessToken? Successor { get; set; }
        public RefreshEntry? SuccessorRefresh { get; set; }
    }
}

public enum StoreTokenKind { CustomApp, Lifetime, Expiring, Online }

public sealed class StoreAccessToken(string token, string scopes, StoreTokenKind kind, DateTimeOffset? expiresAt)
{
    public string Token { get; } = token;
    public string Scopes { get; } = scopes;
    public StoreTokenKind Kind { get; } = kind;
    public DateTimeOffset? ExpiresAt { get; internal set; } = expiresAt;
    public bool Used { get; internal set; }
    internal StoreTokens.RefreshEntry? IssuedBy { get; init; }
}

/// <summary>What the token endpoint answers; the expiry fields are null for a lifetime token.</summary>
internal sealed record TokenGrant(string AccessToken, string Scopes, long? ExpiresIn, string? RefreshToken, long? RefreshTokenExpiresIn);
