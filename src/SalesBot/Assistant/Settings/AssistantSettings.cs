using System.ComponentModel.DataAnnotations;

namespace SalesBot.Assistant.Settings;

/// <summary>
/// What a merchant chose for the assistant of one shop; no row means every default (<see cref="ShopAssistantSettings.Defaults"/>).
/// Written only by <see cref="AssistantSettingsService"/>, which validates first.
/// </summary>
public sealed class AssistantSettings
{
    [Key, MaxLength(255)]
    public required string Shop { get; set; }

    /// <summary>The first reply of a new conversation starts with it; null for none.</summary>
    [MaxLength(AssistantSettingsLimits.Greeting)]
    public string? Greeting { get; set; }

    /// <summary>The discount codes the merchant picked; the bot shares only these, and only while they are eligible and active.</summary>
    public List<string> SharedCodes { get; set; } = [];

    /// <summary>How long the bot stays quiet after a handoff; null for the app-wide default (<c>HANDOFF_PAUSE_MINUTES</c>).</summary>
    public int? HandoffPauseMinutes { get; set; }

    /// <summary>Whether the first reply says the shopper is talking to an automated assistant (on unless the merchant turns it off).</summary>
    public bool Disclosure { get; set; } = true;

    /// <summary>An IANA time zone id; with <see cref="WeeklyHours"/> null, a person may answer at any time.</summary>
    [MaxLength(64)]
    public string? TimeZone { get; set; }

    /// <summary>The opening hours as JSON (<see cref="BusinessHours.ToJson"/>); null when the merchant set none.</summary>
    [MaxLength(1024)]
    public string? WeeklyHours { get; set; }

    /// <summary>What a shopper asking for a person hears outside business hours; null for the default wording.</summary>
    [MaxLength(AssistantSettingsLimits.OutOfHoursReply)]
    public string? OutOfHoursReply { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Sizes the form, the validation and the columns share.</summary>
public static class AssistantSettingsLimits
{
    public const int Greeting = 300;
    public const int OutOfHoursReply = 500;
    public const int SharedCodes = 100;
    public const int MinPauseMinutes = 5;
    /// <summary>Seven days: as long as a person may still answer with Messenger's HUMAN_AGENT tag.</summary>
    public const int MaxPauseMinutes = 7 * 24 * 60;
}
