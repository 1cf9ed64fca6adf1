namespace SalesBot.Sandbox.Shopify.Store;

public sealed class StoreBulkOperation
{
    public required long Id { get; init; }
    public required string Query { get; init; }
    /// <summary><c>groupObjects</c>: children right after their parent; otherwise (Shopify's 2026-01 default) lines in no promised order.</summary>
    public bool GroupObjects { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>CREATED, RUNNING, COMPLETED or FAILED.</summary>
    public string Status { get; set; } = "CREATED";
    public string? ErrorCode { get; set; }
    public long ObjectCount { get; set; }
    public long RootObjectCount { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    /// <summary>The JSONL result, served at <see cref="Url"/>.</summary>
    public byte[]? Result { get; set; }
    /// <summary>Set once the result is ready, as Shopify's is.</summary>
    public string? Url { get; set; }
    /// <summary>The sandbox's address when the operation started: the lines' image URLs are absolute on it, as in a live answer.</summary>
    public string BaseUri { get; init; } = "";
    /// <summary>Where the result will be served, decided when the operation starts.</summary>
    public required string ResultUrl { get; init; }

    private int _downloads;
    /// <summary>How many times the result file was served, so tests can tell a refused link was never fetched.</summary>
    public int Downloads => _downloads;
    internal void CountDownload() => Interlocked.Increment(ref _downloads);

    public string Gid => Store.Gid.For("BulkOperation", Id);
}
