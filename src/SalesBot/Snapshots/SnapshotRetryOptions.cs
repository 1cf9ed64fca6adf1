using Microsoft.Extensions.Configuration;

namespace SalesBot.Snapshots;

/// <summary>Backoff for publishes that storage refused: doubles from <see cref="InitialDelay"/> up to <see cref="MaxDelay"/>, forever.</summary>
public sealed class SnapshotRetryOptions
{
    [ConfigurationKeyName("SNAPSHOT_RETRY_INITIAL_DELAY")]
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Caps the wait, so a store that comes back is noticed within this long.</summary>
    [ConfigurationKeyName("SNAPSHOT_RETRY_MAX_DELAY")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The wait after the <paramref name="attempts"/>-th failed attempt (1-based).</summary>
    public TimeSpan DelayAfter(int attempts)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var ticks = Math.Min(InitialDelay.Ticks * Math.Pow(2, exponent), MaxDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}
