using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SalesBot.Snapshots;

/// <summary>
/// Meter "SalesBot.Snapshots": <c>salesbot.snapshot.publishes</c> (counter, {publish}) and
/// <c>salesbot.snapshot.publish.duration</c> (histogram, s), both by <c>salesbot.snapshot.outcome</c>
/// (uploaded, unchanged, failed) and <c>salesbot.snapshot.retry</c>; spans "snapshot publish" on the same name.
/// </summary>
public sealed class SnapshotMetrics
{
    public const string Name = "SalesBot.Snapshots";
    public const string Uploaded = "uploaded", Unchanged = "unchanged", Failed = "failed";

    public static readonly ActivitySource Source = new(Name);

    private readonly Counter<long> _publishes;
    private readonly Histogram<double> _duration;

    public SnapshotMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        _publishes = meter.CreateCounter<long>("salesbot.snapshot.publishes", "{publish}", "Snapshot publishes by outcome: uploaded, unchanged (no upload needed) or failed (kept and retried).");
        _duration = meter.CreateHistogram("salesbot.snapshot.publish.duration", "s", "Time from the HEAD to storage confirming (or refusing) a snapshot publish.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
    }

    public void Published(string outcome, bool retry, TimeSpan elapsed)
    {
        var tags = new TagList { { "salesbot.snapshot.outcome", outcome }, { "salesbot.snapshot.retry", retry } };
        _publishes.Add(1, tags);
        _duration.Record(elapsed.TotalSeconds, tags);
    }
}
