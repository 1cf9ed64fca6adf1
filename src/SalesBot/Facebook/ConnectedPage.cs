using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace SalesBot.Facebook;

/// <summary>
/// A Facebook Page the bot answers for, the shop it sells for, its encrypted page token, and the Instagram professional
/// account linked to it (found on connect through <c>GET /{page-id}?fields=instagram_business_account{id,username}</c>),
/// whose direct messages the same assistant answers with the same token.
/// </summary>
[Microsoft.EntityFrameworkCore.Index(nameof(InstagramAccountId))]
public sealed class ConnectedPage
{
    [Key, MaxLength(64)]
    public required string PageId { get; set; }

    [MaxLength(255)]
    public string Name { get; set; } = "";

    /// <summary>The validated shop domain whose catalog snapshot answers this page's shoppers.</summary>
    [MaxLength(255)]
    public required string Shop { get; set; }

    /// <summary>The page access token, encrypted with Data Protection. Never logged or returned.</summary>
    [MaxLength(4096)]
    public required string ProtectedAccessToken { get; set; }

    public DateTimeOffset ConnectedAt { get; set; }

    /// <summary>Set when Facebook rejects the token (error 190) or the merchant disconnects the page; it must be connected again.</summary>
    public DateTimeOffset? DisconnectedAt { get; set; }

    // Last, where a migration's ADD COLUMN puts them, so a migrated database and a created one have the same table.
    /// <summary>The linked Instagram professional account's id: <c>entry[].id</c> of its <c>object: "instagram"</c> webhooks. Null: none linked.</summary>
    [MaxLength(64)]
    public string? InstagramAccountId { get; set; }

    [MaxLength(255)]
    public string? InstagramUsername { get; set; }

    /// <summary>Its merchant disconnected it: the token was forgotten (blanked), so no shop holds the page any more.</summary>
    [NotMapped]
    public bool IsReleased => ProtectedAccessToken.Length == 0;
}
