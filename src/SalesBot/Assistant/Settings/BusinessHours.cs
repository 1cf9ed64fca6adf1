using System.Globalization;
using System.Text.Json;

namespace SalesBot.Assistant.Settings;

/// <summary>
/// When a person can answer: per weekday an opening and a closing time (same day; no overnight shifts) or closed,
/// in the shop's IANA time zone, so daylight saving moves with the shop and not with the server.
/// </summary>
public sealed record BusinessHours(TimeZoneInfo Zone, IReadOnlyList<DayHours> Week)
{
    public bool IsOpenAt(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Zone);
        var day = For(local.DayOfWeek);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return day.IsOpen && time >= day.Opens && time < day.Closes;
    }

    /// <summary>The next moment a person is back, in the shop's time; null when every day is closed.</summary>
    public DateTimeOffset? NextOpening(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Zone);
        for (var offset = 0; offset <= 7; offset++)
        {
            var date = DateOnly.FromDateTime(local.DateTime).AddDays(offset);
            var day = For(date.DayOfWeek);
            if (!day.IsOpen) continue;
            var opens = date.ToDateTime(day.Opens!.Value);
            if (offset == 0 && opens <= local.DateTime) continue;
            return new DateTimeOffset(opens, Zone.GetUtcOffset(opens));
        }
        return null;
    }

    /// <summary>"today at 09:00", "tomorrow at 09:00" or "Monday at 09:00", seen from <paramref name="now"/>.</summary>
    public string DescribeNextOpening(DateTimeOffset now)
    {
        if (NextOpening(now) is not { } next) return "soon";
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone).DateTime);
        var day = DateOnly.FromDateTime(next.DateTime);
        var when = day == today ? "today" : day == today.AddDays(1) ? "tomorrow" : next.DayOfWeek.ToString();
        return $"{when} at {next.ToString("HH:mm", CultureInfo.InvariantCulture)}";
    }

    public DayHours For(DayOfWeek day) => Week.FirstOrDefault(d => d.Day == day) ?? new DayHours(day, null, null);

    public string ToJson() => JsonSerializer.Serialize(Week.Select(d => new StoredDay(d.Day, d.Opens?.ToString("HH:mm", CultureInfo.InvariantCulture),
        d.Closes?.ToString("HH:mm", CultureInfo.InvariantCulture))).ToList());

    /// <summary>Reads what <see cref="ToJson"/> wrote; null when the zone is unknown here or the text is not ours.</summary>
    public static BusinessHours? FromStored(string? timeZone, string? json)
    {
        if (string.IsNullOrEmpty(json) || !TryFindZone(timeZone, out var zone)) return null;
        try
        {
            var days = JsonSerializer.Deserialize<List<StoredDay>>(json) ?? [];
            return new BusinessHours(zone, days.Select(d => new DayHours(d.Day, ParseTime(d.Opens), ParseTime(d.Closes))).ToList());
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Only IANA ids ("Europe/Berlin"): the same id works on every server, and Shopify names zones that way too.</summary>
    public static bool TryFindZone(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64) return false;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found) || !found.HasIanaId) return false;
        zone = found;
        return true;
    }

    public static TimeOnly? ParseTime(string? text) =>
        TimeOnly.TryParseExact(text, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;

    private sealed record StoredDay(DayOfWeek Day, string? Opens, string? Closes);
}

/// <summary>One weekday's hours; both times null when closed.</summary>
public sealed record DayHours(DayOfWeek Day, TimeOnly? Opens, TimeOnly? Closes)
{
    public bool IsOpen => Opens is not null && Closes is not null;
}
