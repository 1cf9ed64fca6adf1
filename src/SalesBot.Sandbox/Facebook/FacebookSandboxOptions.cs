namespace SalesBot.Sandbox.Facebook;

/// <summary>The emulated Meta app and its one page. Defaults match the app's sandbox constants.</summary>
public sealed class FacebookSandboxOptions
{
    public string AppId { get; set; } = "sandbox-app-id";
    public string AppSecret { get; set; } = "sandbox-app-secret";
    public string PageId { get; set; } = "sandbox-page";
    public string PageName { get; set; } = "Demo Store";
    public string PageToken { get; set; } = "sandbox-page-token";

    /// <summary>Where the chat page posts webhook events; null means this host's <c>/facebook/webhook</c>.</summary>
    public string? WebhookUrl { get; set; }
}
