namespace SalesBot.Snapshots;

/// <summary>Puts a shop's snapshot into storage when, and only when, it changed.</summary>
public interface ISnapshotPublisher
{
    /// <summary>
    /// Uploads <paramref name="content"/> as <c>&lt;shop&gt;/shopify_data.json</c> unless storage already holds an
    /// object with the same <paramref name="hash"/>. Never throws for a storage failure: the result says what failed,
    /// and the bytes are kept and retried in the background until they land. Publishes of one shop run one at a time;
    /// the newest wins. The writer computes the hash (the catalog's hash ignores what does not count as a change).
    /// </summary>
    /// <param name="shop">A domain validated by <c>ShopDomain.TryParse</c>.</param>
    Task<PublishResult> PublishAsync(string shop, byte[] content, string hash, CancellationToken cancellationToken);
}
