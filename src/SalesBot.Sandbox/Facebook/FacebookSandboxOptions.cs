namespace SalesBot.Sandbox.Facebook;

/// <summary>The emulated Meta app and its one page. Defaults match the app's sandbox constants.</summary>
public sealed class FacebookSandboxOptions
{
    public string AppId { get; set; } = "sandbox-app-id";
    public string AppSecret { get; set; } = "sandbox-app-secret";
    public string PageId { get; set; } = "sandbox-page";
    public string PageName { get; set; } = "Demo Store";
    public string PageToken { get; set; } = "sandbox-page-token";

    /// <summary>
    /// The Instagram professional account linked to the page (its <c>instagram_business_account</c> field); null or empty: none
    /// linked, so the field is absent as on a page without one.
    /// </summary>
    public string? InstagramAccountId { get; set; } = "17841400000000001";
    public string InstagramUsername { get; set; } = "demo.store";

    /// <summary>
    /// Where the chat page posts webhook events: the app's <c>{APP_BASE_URL}/facebook/webhook</c>. Unset, the chat page
    /// refuses to send (it never follows a request's Host header, which the client chooses).
    /// </summary>
    public string? WebhookUrl { get; set; }

    /// <summary>The app's Valid OAuth Redirect URIs (exact match); empty: any http(s) URL on a loopback host (see <see cref="RedirectRule"/>).</summary>
    public List<string> RedirectUris { get; set; } = [];

    /// <summary>The page's Conversation Routing includes the Page Inbox (app 263902037430900); see <see cref="FacebookSandboxState.PageInboxRouting"/>.</summary>
    public bool PageInboxRouting { get; set; } = true;

    /// <summary>How many Send API calls, login codes, user tokens and shoppers the emulator remembers (the oldest go first).</summary>
    public int MaxKept { get; set; } = 10_000;
}
