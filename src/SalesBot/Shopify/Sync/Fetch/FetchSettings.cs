using SalesBot.Configuration;

namespace SalesBot.Shopify.Sync.Fetch;

/// <summary>
/// Sizes of the connections nested in a page. Small nested pages keep a page of products cheap;
/// the rare product with more variants, media or locations is finished with follow-up queries.
/// </summary>
public sealed record FetchSettings(
    int MediaFirst = 5,
    int VariantsFirst = 10,
    int LevelsFirst = 3,
    int CollectionProductsFirst = 50,
    int CodesFirst = 20,
    int FollowUpFirst = 100,
    TimeSpan? ProgressInterval = null,
    int BulkThreshold = ShopifyOptions.DefaultBulkThreshold)
{
    public static FetchSettings Default { get; } = new();

    public TimeSpan ProgressEvery => ProgressInterval ?? TimeSpan.FromSeconds(5);
}
