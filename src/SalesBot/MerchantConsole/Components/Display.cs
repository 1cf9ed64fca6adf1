using System.Globalization;

namespace SalesBot.MerchantConsole.Components;

/// <summary>How the console writes times, sizes and counts: short, in English, in UTC with the browser converting (console.js).</summary>
public static class Display
{
    public static string Ago(DateTimeOffset? at, DateTimeOffset now)
    {
        if (at is not { } t) return "never";
        var d = now - t;
        if (d < TimeSpan.Zero) return "in " + Span(-d);
        return d < TimeSpan.FromSeconds(10) ? "just now" : Span(d) + " ago";
    }

    public static string Span(TimeSpan d) =>
        d.TotalSeconds < 60 ? $"{Math.Max(1, (int)d.TotalSeconds)} s"
        : d.TotalMinutes < 60 ? $"{(int)d.TotalMinutes} min"
        : d.TotalHours < 48 ? $"{(int)d.TotalHours} h"
        : $"{(int)d.TotalDays} days";

    /// <summary>ISO 8601 for the <c>datetime</c> attribute of a <c>time</c> element.</summary>
    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public static string Utc(DateTimeOffset? at) =>
        at is { } t ? t.UtcDateTime.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture) : "—";

    public static string Bytes(long? bytes) => bytes switch
    {
        null => "—",
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes.Value / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => (bytes.Value / 1024.0 / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
    };

    /// <summary>The first <paramref name="max"/> characters on one line, with an ellipsis when cut.</summary>
    public static string Excerpt(string text, int max)
    {
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= max ? line : line[..(max - 1)].TrimEnd() + "…";
    }

    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
