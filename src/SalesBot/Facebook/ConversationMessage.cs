using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;

namespace SalesBot.Facebook;

/// <summary>One line of a conversation's history: what the shopper said and what the bot (or a person) answered.</summary>
[Index(nameof(PageId), nameof(Psid), nameof(At))]
public sealed class ConversationMessage
{
    public long Id { get; set; }

    [MaxLength(64)]
    public required string PageId { get; set; }

    [MaxLength(64)]
    public required string Psid { get; set; }

    /// <summary><c>user</c>, <c>assistant</c> or <c>human</c> (a person: a page admin in Meta's inbox, or a merchant from the console).</summary>
    [MaxLength(16)]
    public required string Role { get; set; }

    [MaxLength(8000)]
    public required string Text { get; set; }

    /// <summary>
    /// The product cards an assistant line showed, as JSON (<see cref="ShownCard"/>), so the console shows them as the shopper
    /// saw them; <see cref="Text"/> keeps its "[cards: …]" summary for the model.
    /// </summary>
    public string? CardsJson { get; set; }

    public DateTimeOffset At { get; set; }
}
