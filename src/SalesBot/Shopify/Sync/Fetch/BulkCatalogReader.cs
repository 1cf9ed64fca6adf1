using System.Text.Json.Nodes;
using SalesBot.Catalog;
using SalesBot.Shopify.Admin;

namespace SalesBot.Shopify.Sync.Fetch;

/// <summary>
/// Reads a large store's products and collections with bulk operations instead of thousands of paged
/// queries: a bulk query costs a few points however big the catalog, where a paged fetch of 10,000
/// products is bound to hours by the Standard plan's throttle. Shopify writes JSONL in which nested
/// connection nodes are lines of their own carrying <c>__parentId</c>, in no promised order; the result is
/// streamed from the download into an assembler that puts them back together.
/// </summary>
public sealed class BulkCatalogReader(BulkResultDownloader download, TimeProvider time, ILogger<BulkCatalogReader> logger)
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromHours(2);
    private static readonly FetchJson Json = FetchJson.Default;

    public async Task<List<Product>> ReadProductsAsync(ShopifyAdminClient client, CancellationToken cancellationToken)
    {
        var products = new BulkProductAssembler();
        await ExportAsync(client, "BulkProducts", products, cancellationToken);
        return products.Build();
    }

    public async Task<List<Collection>> ReadCollectionsAsync(ShopifyAdminClient client, CancellationToken cancellationToken)
    {
        var collections = new BulkCollectionAssembler();
        await ExportAsync(client, "BulkCollections", collections, cancellationToken);
        return collections.Build();
    }

    /// <summary>Runs one bulk query to the end and streams its JSONL, line by line, into <paramref name="sink"/>.</summary>
    private async Task ExportAsync(ShopifyAdminClient client, string document, IBulkLineSink sink, CancellationToken cancellationToken)
    {
        var operation = await StartAsync(client, document, cancellationToken);
        operation = await WaitAsync(client, operation, cancellationToken);
        if (operation.Status != "COMPLETED")
            throw new ShopifyApiException($"The bulk export of {client.Shop} ended {operation.Status}{(operation.ErrorCode is { } code ? $" ({code})" : "")}.");
        if (operation.Url is null) return; // Shopify gives no file when there was nothing to export.
        var lines = await ReadFileAsync(client.Shop, operation.Url, sink, cancellationToken);
        logger.LogInformation("Bulk export {Document} of {Shop}: {Objects} objects, {Lines} lines read", document, client.Shop, operation.ObjectCount, lines);
    }

    /// <summary>Reads the products of a finished bulk export from its result link (what a <c>bulk_operations/finish</c> names).</summary>
    public async Task<List<Product>> ReadProductsFileAsync(string shop, string url, CancellationToken cancellationToken)
    {
        var products = new BulkProductAssembler();
        await ReadFileAsync(shop, url, products, cancellationToken);
        return products.Build();
    }

    /// <summary>Streams the result file into <paramref name="sink"/>; returns how many lines it had.</summary>
    private async Task<long> ReadFileAsync(string shop, string url, IBulkLineSink sink, CancellationToken cancellationToken)
    {
        // The result URL is a pre-signed storage link: it must not carry the shop's access token, nor be logged.
        using var response = await download.OpenAsync(shop, url, cancellationToken);
        var counted = new CountingSink(sink);
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            await BulkJsonLines.ReadAsync(body, download.MaxBytes, counted, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new ShopifyApiException($"The bulk export file of {shop} broke off after {counted.Lines:N0} lines: {e.Message}", inner: e);
        }
        return counted.Lines;
    }

    /// <summary>Rebuilds products from JSONL lines in any order (tests and benches feed files through this).</summary>
    public static async Task<List<Product>> AssembleProductsAsync(Stream jsonl, CancellationToken cancellationToken, long maxBytes = long.MaxValue)
    {
        var products = new BulkProductAssembler();
        await BulkJsonLines.ReadAsync(jsonl, maxBytes, products, cancellationToken);
        return products.Build();
    }

    /// <summary>Rebuilds collections and their member ids from JSONL lines in any order.</summary>
    public static async Task<List<Collection>> AssembleCollectionsAsync(Stream jsonl, CancellationToken cancellationToken, long maxBytes = long.MaxValue)
    {
        var collections = new BulkCollectionAssembler();
        await BulkJsonLines.ReadAsync(jsonl, maxBytes, collections, cancellationToken);
        return collections.Build();
    }

    private static async Task<BulkOperation> StartAsync(ShopifyAdminClient client, string document, CancellationToken cancellationToken)
    {
        var run = await client.QueryAsync("BulkOperationRun", new JsonObject { ["query"] = GraphQlDocuments.Get(document) },
            Json.BulkOperationRunData, cancellationToken);
        var payload = run.BulkOperationRunQuery;
        if (payload?.UserErrors is { Count: > 0 } errors)
            throw new ShopifyApiException($"Shopify refused the bulk export: {string.Join("; ", errors.Select(e => e.Message))}");
        return payload?.BulkOperation ?? throw new ShopifyApiException("Shopify started no bulk operation.");
    }

    private async Task<BulkOperation> WaitAsync(ShopifyAdminClient client, BulkOperation operation, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var delay = TimeSpan.FromMilliseconds(200);
        var lastLog = started;
        while (!operation.IsFinished)
        {
            if (time.GetElapsedTime(started) > MaxWait)
                throw new ShopifyApiException($"The bulk export of {client.Shop} did not finish within {MaxWait.TotalHours:0} hours.");
            await Task.Delay(delay, time, cancellationToken);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 1.5, 5000));
            var status = await client.QueryAsync("BulkOperationStatus", new JsonObject { ["id"] = operation.Id }, Json.BulkOperationStatusData, cancellationToken);
            operation = status.BulkOperation ?? throw new ShopifyApiException($"The bulk operation {operation.Id} of {client.Shop} disappeared.");
            if (time.GetElapsedTime(lastLog) > TimeSpan.FromSeconds(5))
            {
                lastLog = time.GetTimestamp();
                logger.LogInformation("Bulk export of {Shop}: {Status}, {Objects} objects so far", client.Shop, operation.Status, operation.ObjectCount ?? "0");
            }
        }
        return operation;
    }

    private sealed class CountingSink(IBulkLineSink inner) : IBulkLineSink
    {
        public long Lines { get; private set; }

        public void Add(ReadOnlySpan<byte> line, string id, string? parentId)
        {
            Lines++;
            inner.Add(line, id, parentId);
        }
    }
}
