using System.ComponentModel.DataAnnotations;

namespace SalesBot.Facebook;

/// <summary>
/// A page whose merchant turned its bot off (or back on); no row means on. A table of its own rather than a column
/// of <see cref="ConnectedPage"/>: the pre-configured page (<c>FACEBOOK_PAGE_*</c>, the sandbox page) has no row
/// there, and without migrations a new table reaches an existing database more safely than a new column.
/// </summary>
public sealed class PageBotSwitch
{
    [Key, MaxLength(64)]
    public required string PageId { get; set; }

    /// <summary>The shop the page sold for when the switch was set, so an erasure removes it with the shop.</summary>
    [MaxLength(255)]
    public required string Shop { get; set; }

    public bool BotOn { get; set; } = true;

    public DateTimeOffset ChangedAt { get; set; }
}
