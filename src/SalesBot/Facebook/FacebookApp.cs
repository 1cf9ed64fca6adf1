using Microsoft.Extensions.Options;
using SalesBot.Configuration;

namespace SalesBot.Facebook;

/// <summary>
/// The Meta app as the code uses it: credentials (the sandbox's when no app is configured) and the
/// Graph API addresses. In sandbox mode the Graph API is the app's own <c>/sandbox/facebook</c>.
/// </summary>
public sealed class FacebookApp
{
    public const string GraphVersion = "v26.0";
    public const string SandboxPath = "/sandbox/facebook";
    private const string DefaultGraphOrigin = "https://graph.facebook.com";

    /// <summary>The sandbox's page, pre-connected to the sandbox store so <c>dotnet run</c> alone can chat.</summary>
    public const string SandboxPageId = "sandbox-page";
    public const string SandboxPageToken = "sandbox-page-token";
    /// <summary>The name the sandbox Graph API gives its page (FacebookSandboxOptions.PageName).</summary>
    public const string SandboxPageName = "Demo Store";
    public const string SandboxShop = "demo-store.myshopify.com";

    public FacebookApp(IOptions<FacebookOptions> options, IOptions<AppOptions> app)
    {
        var o = options.Value;
        IsSandbox = o.IsSandbox;
        AppId = o.IsSandbox ? FacebookOptions.SandboxAppId : o.AppId!;
        AppSecret = o.IsSandbox ? FacebookOptions.SandboxAppSecret : o.AppSecret!;
        VerifyToken = string.IsNullOrEmpty(o.VerifyToken) ? FacebookOptions.SandboxVerifyToken : o.VerifyToken;
        var origin = o.IsSandbox && o.GraphOrigin.TrimEnd('/') == DefaultGraphOrigin
            ? app.Value.BaseUrlTrimmed + SandboxPath
            : o.GraphOrigin.TrimEnd('/');
        GraphBase = new Uri(origin + "/" + GraphVersion + "/");
        // The login dialog lives on www.facebook.com for the real thing, beside the Graph API for an emulator.
        DialogUrl = origin == DefaultGraphOrigin
            ? new Uri($"https://www.facebook.com/{GraphVersion}/dialog/oauth")
            : new Uri(GraphBase, "dialog/oauth");
        CallbackUrl = app.Value.BaseUrlTrimmed + "/facebook/callback";
        HandoffPause = o.HandoffPause;
        BatchWindow = o.BatchWindow;
        if (!string.IsNullOrEmpty(o.PageId))
            PreconfiguredPage = new PageCredentials(o.PageId, o.PageShop!, o.PageAccessToken!);
        else if (o.IsSandbox)
            PreconfiguredPage = new PageCredentials(SandboxPageId, SandboxShop, SandboxPageToken);
    }

    public bool IsSandbox { get; }
    public string AppId { get; }
    public string AppSecret { get; }
    public string VerifyToken { get; }

    /// <summary>Versioned Graph API root, ending in a slash: <c>{origin}/v26.0/</c>.</summary>
    public Uri GraphBase { get; }
    public Uri DialogUrl { get; }
    public string CallbackUrl { get; }
    public TimeSpan HandoffPause { get; }

    /// <summary>How long after a shopper's first text message the turn waits for more to answer them together (FACEBOOK_BATCH_WINDOW).</summary>
    public TimeSpan BatchWindow { get; }

    /// <summary>The page from <c>FACEBOOK_PAGE_*</c> (or the sandbox page), answered without a database row.</summary>
    public PageCredentials? PreconfiguredPage { get; }
}
