using SalesBot.Catalog;
using SalesBot.Shopify.Admin;
using SalesBot.Snapshots;

namespace SalesBot.Shopify.Sync;

/// <summary>One sync run as it is recorded and shown (see <see cref="SyncRun"/> for what each field means).</summary>
public sealed record SyncRunEntry(
    DateTimeOffset StartedAt,
    double Seconds,
    string Kind,
    string? Fetch,
    CatalogDiff Changes,
    int Unapplied,
    int Queries,
    long Cost,
    string Outcome,
    string? Error = null,
    ThrottleReport? Bucket = null)
{
    public const string Published = "published";
    public const string Unchanged = "unchanged";
    public const string Partial = "partial";
    public const string Failed = "failed";

    internal static SyncRunEntry From(SyncRun row) => new(row.StartedAt, row.Seconds, row.Kind, row.Fetch,
        new CatalogDiff(row.Added, row.Updated, row.Removed), row.Unapplied, row.Queries, row.Cost, row.Outcome, row.Error,
        row.BucketMaximum is { } max ? new ThrottleReport(max, row.BucketAvailable ?? 0, row.RestoreRate ?? 0) : null);
}

/// <summary>Builds the run of a sync that read and published a catalog.</summary>
internal static class SyncRuns
{
    public static SyncRunEntry Of(string kind, DateTimeOffset startedAt, TimeSpan took, FetchReport? report, CatalogDiff changes, PublishResult? published,
        int unapplied = 0, string? failure = null) => new(
        startedAt,
        took.TotalSeconds,
        kind,
        report?.Mode is "incremental" ? "by id" : report?.Mode,
        changes,
        unapplied,
        report?.Queries ?? 0,
        report?.ActualCost ?? 0,
        published is { Succeeded: false } ? SyncRunEntry.Failed
            : failure is not null ? SyncRunEntry.Partial
            : published is { Uploaded: true } ? SyncRunEntry.Published
            : SyncRunEntry.Unchanged,
        published is { Succeeded: false } ? published.Message : failure,
        report?.LastThrottleStatus);

    /// <summary>A run that read nothing it could publish: what the client had spent when it failed.</summary>
    public static SyncRunEntry Failure(string kind, DateTimeOffset startedAt, TimeSpan took, AdminCallStats? stats, int unapplied, string error) =>
        new(startedAt, took.TotalSeconds, kind, null, CatalogDiff.None, unapplied, (int)(stats?.Queries ?? 0), stats?.ActualCost ?? 0, SyncRunEntry.Failed, error);
}
