using SalesBot.Catalog;

namespace SalesBot.Snapshots;

/// <summary>Puts a shop's catalog into storage when, and only when, it changed.</summary>
public interface ISnapshotPublisher
{
    /// <summary>
    /// Uploads <paramref name="data"/> as <c>&lt;shop&gt;/shopify_data.json</c> unless storage already holds an
    /// equal catalog. Never throws for a storage failure: the result says what failed, and the catalog is kept
    /// and retried in the background until it lands. Publishes of one shop run one at a time; the newest wins.
    /// </summary>
    /// <param name="shop">A domain validated by <c>ShopDomain.TryParse</c>.</param>
    Task<PublishResult> PublishAsync(string shop, ShopifyData data, CancellationToken cancellationToken);
}
