using Microsoft.Extensions.Configuration;

namespace SalesBot.Configuration;

/// <summary>The Meta app and, optionally, one pre-configured page. No app id means the sandbox Graph API.</summary>
public sealed class FacebookOptions
{
    public const string SandboxAppId = "sandbox-app-id";
    public const string SandboxAppSecret = "sandbox-app-secret";
    public const string SandboxVerifyToken = "sandbox-verify-token";

    [ConfigurationKeyName("FACEBOOK_APP_ID")]
    public string? AppId { get; set; }

    [ConfigurationKeyName("FACEBOOK_APP_SECRET")]
    public string? AppSecret { get; set; }

    [ConfigurationKeyName("FACEBOOK_VERIFY_TOKEN")]
    public string? VerifyToken { get; set; }

    [ConfigurationKeyName("FACEBOOK_GRAPH_ORIGIN")]
    public string GraphOrigin { get; set; } = "https://graph.facebook.com";

    [ConfigurationKeyName("FACEBOOK_PAGE_ID")]
    public string? PageId { get; set; }

    [ConfigurationKeyName("FACEBOOK_PAGE_ACCESS_TOKEN")]
    public string? PageAccessToken { get; set; }

    [ConfigurationKeyName("FACEBOOK_PAGE_SHOP")]
    public string? PageShop { get; set; }

    /// <summary>How long the bot stays quiet in a conversation after a human takes over.</summary>
    [ConfigurationKeyName("FACEBOOK_HANDOFF_PAUSE")]
    public TimeSpan HandoffPause { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Shopper messages of one conversation arriving within this long of the first are answered as one turn (people type in bursts:
    /// "hi" "do you have" "blue shirts?"). Zero answers every message at once.
    /// </summary>
    [ConfigurationKeyName("FACEBOOK_BATCH_WINDOW")]
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>The longest batch window allowed: Messenger shoppers expect an answer within seconds.</summary>
    public static readonly TimeSpan MaxBatchWindow = TimeSpan.FromSeconds(10);

    /// <summary>True when the sandbox Graph API stands in for Meta: decided at start by <see cref="SandboxMode"/>; by hand, when there is no app id.</summary>
    public bool IsSandbox { get => _sandbox ?? string.IsNullOrEmpty(AppId); internal set => _sandbox = value; }
    private bool? _sandbox;
}
