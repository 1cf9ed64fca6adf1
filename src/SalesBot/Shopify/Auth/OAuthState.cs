using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;

namespace SalesBot.Shopify.Auth;

/// <summary>A single-use OAuth <c>state</c> nonce, bound to the browser that started the login.</summary>
[Index(nameof(ExpiresAt))] // expired nonces are swept by age (OAuthStateStore, Data/Retention)
public sealed class OAuthState
{
    [Key, MaxLength(128)]
    public required string State { get; set; }

    /// <summary>What the nonce is for, e.g. <c>shopify</c> or <c>facebook</c>.</summary>
    [MaxLength(32)]
    public required string Purpose { get; set; }

    /// <summary>The shop the login was started for (Shopify), or the shop to link pages to (Facebook).</summary>
    [MaxLength(255)]
    public string? Shop { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}
