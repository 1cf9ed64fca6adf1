namespace SalesBot.Sandbox;

/// <summary>
/// Which <c>redirect_uri</c> an authorize or login page may send the browser to, as the platforms check it: one of the
/// app's registered callbacks, exactly (Shopify's "allowed redirection URLs"; Meta's "Valid OAuth Redirect URIs" with
/// Strict Mode, developers.facebook.com/blog/post/2017/12/18/strict-uri-matching). With none registered (a standalone
/// emulator in a test) only http(s) on a loopback host is let through, so <c>javascript:</c> or another host never is.
/// </summary>
internal static class RedirectRule
{
    public static bool Accepts(IReadOnlyCollection<string> registered, string? redirectUri)
    {
        if (string.IsNullOrEmpty(redirectUri) || !Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri)) return false;
        if (registered.Count > 0) return registered.Contains(redirectUri, StringComparer.Ordinal);
        return (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.IsLoopback;
    }
}
