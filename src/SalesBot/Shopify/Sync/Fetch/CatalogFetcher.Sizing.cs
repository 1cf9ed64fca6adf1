using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using SalesBot.Shopify.Admin;

namespace SalesBot.Shopify.Sync.Fetch;

// The one sized query every read goes through: pages of a connection and batches of ids alike.
public sealed partial class CatalogFetcher
{
    // Requested cost per item by document and nested sizes: the same for every shop, so a query
    // measured once sizes the next read of that document before it is sent.
    private readonly ConcurrentDictionary<string, double> _costPerItem = new(StringComparer.Ordinal);

    private PageSizer SizerFor(ShopifyAdminClient client, string key, int initial) =>
        new PageSizer(initial).Seeded(_costPerItem.TryGetValue(key, out var perItem) ? perItem : null, BucketMaximum(client));

    /// <summary>
    /// Sends <paramref name="document"/> for as many items as <paramref name="sizer"/> allows (at most <paramref name="available"/>),
    /// halving on MAX_COST_EXCEEDED, and re-sizes from the cost Shopify reports. Returns the data and how many items were asked for.
    /// </summary>
    private async Task<(TData Data, int Size)> QuerySizedAsync<TData>(
        ShopifyAdminClient client, string document, string key, PageSizer sizer, Func<int, JsonObject> variables,
        JsonTypeInfo<TData> type, CancellationToken cancellationToken, int available = int.MaxValue)
    {
        while (true)
        {
            var size = Math.Max(1, Math.Min(sizer.First, available));
            TData data;
            try
            {
                data = await client.QueryAsync(document, variables(size), type, cancellationToken);
            }
            catch (ShopifyApiException e) when (e.IsCostExceeded && sizer.Shrink(size))
            {
                continue;
            }
            sizer.Observe(client.LastRequestedCost(document), BucketMaximum(client), size);
            if (sizer.PerItem is { } perItem) _costPerItem[key] = perItem;
            return (data, size);
        }
    }

    private static double BucketMaximum(ShopifyAdminClient client) => client.LastThrottleStatus?.MaximumAvailable ?? 1000;

    /// <summary>A document with the nested sizes it is sent with: what its cost per item depends on.</summary>
    private static string SizingKey(string document, params (string Name, int Value)[] nested) =>
        document + string.Concat(nested.Select(n => $";{n.Name}={n.Value}"));
}
