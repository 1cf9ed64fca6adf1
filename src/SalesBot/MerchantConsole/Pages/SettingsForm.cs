using System.Globalization;
using SalesBot.Assistant.Settings;

namespace SalesBot.MerchantConsole.Pages;

/// <summary>
/// The settings form as the page shows it, filled from the saved settings or from what was just posted (so a refused
/// save shows the merchant's input back), and read from the posted fields into the service's input.
/// </summary>
public sealed class SettingsForm
{
    public static readonly DayOfWeek[] Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public string Greeting { get; set; } = "";
    public bool Disclosure { get; set; } = true;
    public string Pause { get; set; } = "";
    public HashSet<string> Codes { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    public bool HoursEnabled { get; set; }
    public string TimeZone { get; set; } = "";
    public Dictionary<DayOfWeek, DayRow> Days { get; set; } = Week.ToDictionary(d => d, _ => new DayRow(false, "09:00", "17:00"));
    public string OutOfHours { get; set; } = "";

    public sealed record DayRow(bool Open, string Opens, string Closes);

    public static SettingsForm From(ShopAssistantSettings settings, string? storedZone, string? shopZone) => new()
    {
        Greeting = settings.Greeting ?? "",
        Disclosure = settings.Disclosure,
        Pause = settings.HandoffPause is { } pause ? ((int)pause.TotalMinutes).ToString(CultureInfo.InvariantCulture) : "",
        Codes = settings.SharedCodes.ToHashSet(StringComparer.OrdinalIgnoreCase),
        HoursEnabled = settings.Hours is not null,
        TimeZone = settings.Hours?.Zone.Id ?? storedZone ?? shopZone ?? "",
        // Without saved hours the form offers a working week to start from.
        Days = Week.ToDictionary(d => d, d => settings.Hours?.For(d) is { } h
            ? new DayRow(h.IsOpen, Time(h.Opens) ?? "09:00", Time(h.Closes) ?? "17:00")
            : new DayRow(d is not (DayOfWeek.Saturday or DayOfWeek.Sunday), "09:00", "17:00")),
        OutOfHours = settings.OutOfHoursReply ?? "",
    };

    /// <summary>Every value is cut to a size the page can echo; the service enforces the real limits.</summary>
    public static SettingsForm Read(IFormCollection form) => new()
    {
        Greeting = Field(form, "greeting", AssistantSettingsLimits.Greeting * 4),
        Disclosure = form.ContainsKey("disclosure"),
        Pause = Field(form, "pause", 16),
        Codes = form["code"].OfType<string>().Take(AssistantSettingsLimits.SharedCodes + 1).Select(c => c.Length > 255 ? c[..255] : c)
            .ToHashSet(StringComparer.OrdinalIgnoreCase),
        HoursEnabled = form.ContainsKey("hours-enabled"),
        TimeZone = Field(form, "timezone", 128),
        Days = Week.ToDictionary(d => d, d => new DayRow(form.ContainsKey("open-" + Key(d)), Field(form, "opens-" + Key(d), 8), Field(form, "closes-" + Key(d), 8))),
        OutOfHours = Field(form, "outofhours", AssistantSettingsLimits.OutOfHoursReply * 4),
    };

    /// <summary>The service's input; a pause that is not a whole number is refused here, under the pause field.</summary>
    public AssistantSettingsInput ToInput(Dictionary<string, string> errors)
    {
        int? pause = null;
        if (Pause.Trim().Length > 0)
        {
            if (int.TryParse(Pause.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)) pause = minutes;
            else errors[AssistantSettingsFields.HandoffPause] = "Enter the pause as a whole number of minutes, or leave it empty for the default.";
        }
        return new AssistantSettingsInput(Greeting, Codes.ToList(), pause, Disclosure, HoursEnabled, TimeZone,
            Week.Select(d => new DayInput(d, Days[d].Open, Days[d].Opens, Days[d].Closes)).ToList(), OutOfHours);
    }

    public static string Key(DayOfWeek day) => day.ToString().ToLowerInvariant();

    private static string? Time(TimeOnly? time) => time?.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static string Field(IFormCollection form, string name, int max)
    {
        var value = form[name].ToString();
        return value.Length > max ? value[..max] : value;
    }
}
