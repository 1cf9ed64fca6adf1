namespace SalesBot.Assistant.Settings;

/// <summary>What the merchant submitted, as typed: <see cref="AssistantSettingsService.SaveAsync"/> validates all of it.</summary>
public sealed record AssistantSettingsInput(
    string? Greeting,
    IReadOnlyList<string> SharedCodes,
    int? HandoffPauseMinutes,
    bool Disclosure,
    bool HoursEnabled,
    string? TimeZone,
    IReadOnlyList<DayInput> Days,
    string? OutOfHoursReply);

/// <summary>One weekday of the form; times as <c>HH:mm</c>.</summary>
public sealed record DayInput(DayOfWeek Day, bool Open, string? Opens, string? Closes);

/// <summary>Saved, or refused with one message per field (keys from <see cref="AssistantSettingsFields"/>); nothing is saved on refusal.</summary>
public sealed record SettingsSaveResult(IReadOnlyDictionary<string, string> Errors)
{
    public bool Saved => Errors.Count == 0;
}

/// <summary>The field names errors are reported under, so the page shows each next to its field.</summary>
public static class AssistantSettingsFields
{
    public const string Greeting = "greeting";
    public const string SharedCodes = "codes";
    public const string HandoffPause = "pause";
    public const string TimeZone = "timezone";
    public const string Hours = "hours";
    public const string OutOfHoursReply = "outofhours";

    public static string Day(DayOfWeek day) => "hours-" + day.ToString().ToLowerInvariant();
}

/// <summary>A code of the shop's catalog as the settings page lists it.</summary>
public sealed record CodeChoice(CatalogCode Code, bool Picked);
