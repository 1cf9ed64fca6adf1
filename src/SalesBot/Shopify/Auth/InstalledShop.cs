using System.ComponentModel.DataAnnotations;

namespace SalesBot.Shopify.Auth;

/// <summary>A shop that installed the app (or was pre-configured with a token).</summary>
public sealed class InstalledShop
{
    [Key, MaxLength(255)]
    public required string Domain { get; set; }

    /// <summary>The offline access token, encrypted with Data Protection. Never leaves the process in clear.</summary>
    [MaxLength(2048)]
    public string? ProtectedAccessToken { get; set; }

    [MaxLength(1024)]
    public string Scope { get; set; } = "";

    public DateTimeOffset InstalledAt { get; set; }

    /// <summary>Set by <c>app/uninstalled</c>; an uninstalled shop is not synced.</summary>
    public DateTimeOffset? UninstalledAt { get; set; }
}
