using System.Globalization;

namespace SalesBot.Backups;

/// <summary>
/// Backup object names: <c>backups/salesbot-2026-12-02T030000Z.tar.gz</c>. The UTC time in the name sorts the same
/// as the time itself, so "newest" and "keep the newest N" are a sort of the listed keys.
/// </summary>
public static class BackupKeys
{
    public const string Prefix = "backups/salesbot-";
    private const string Suffix = ".tar.gz";
    private const string TimeFormat = "yyyy-MM-dd'T'HHmmss'Z'";

    public static string For(DateTimeOffset time) =>
        Prefix + time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture) + Suffix;

    /// <summary>The time a backup key names; null for any other object under <c>backups/</c> (never deleted by retention).</summary>
    public static DateTimeOffset? TimeOf(string key) =>
        key.StartsWith(Prefix, StringComparison.Ordinal) && key.EndsWith(Suffix, StringComparison.Ordinal)
        && DateTime.TryParseExact(key[Prefix.Length..^Suffix.Length], TimeFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? new DateTimeOffset(time, TimeSpan.Zero)
            : null;
}
