using System.ComponentModel.DataAnnotations;

namespace SalesBot.Facebook;

/// <summary>
/// How the last attempt to set a page's Messenger profile ended, for the console's pages page (whichever instance made
/// it). A table of its own, keyed by page like <see cref="PageBotSwitch"/>: the pre-configured page has no
/// <see cref="ConnectedPage"/> row. Deleted with the profile when the page is disconnected.
/// </summary>
public sealed class MessengerProfileRecord
{
    public const int MaxError = 500;

    [Key, MaxLength(64)]
    public required string PageId { get; set; }

    public DateTimeOffset AttemptedAt { get; set; }

    /// <summary>Graph's refusal, cut to <see cref="MaxError"/>; null when the profile was set.</summary>
    [MaxLength(MaxError)]
    public string? Error { get; set; }
}
