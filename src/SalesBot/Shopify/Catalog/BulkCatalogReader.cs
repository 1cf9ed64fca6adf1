using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SalesBot.Shopify.Admin;

namespace SalesBot.Shopify.Catalog;

/// <summary>
/// Reads a large store's products and collections with bulk operations instead of thousands of paged
/// queries: a bulk query costs a few points however big the catalog, where a paged fetch of 10,000
/// products is bound to hours by the Standard plan's throttle. Shopify writes JSONL in which nested
/// connection nodes are lines of their own carrying <c>__parentId</c>; this puts them back together.
/// </summary>
public sealed class BulkCatalogReader(IHttpClientFactory httpClients, TimeProvider time, ILogger<BulkCatalogReader> logger)
{
    public const string HttpClientName = "shopify-bulk-result";
    private static readonly TimeSpan MaxWait = TimeSpan.FromHours(2);
    private static readonly CatalogJson Json = CatalogJson.Default;

    public async Task<List<Product>> ReadProductsAsync(ShopifyAdminClient client, CancellationToken cancellationToken)
    {
        await using var stream = await ExportAsync(client, "BulkProducts", cancellationToken);
        return await AssembleProductsAsync(stream, cancellationToken);
    }

    public async Task<List<Collection>> ReadCollectionsAsync(ShopifyAdminClient client, CancellationToken cancellationToken)
    {
        await using var stream = await ExportAsync(client, "BulkCollections", cancellationToken);
        return await AssembleCollectionsAsync(stream, cancellationToken);
    }

    /// <summary>Runs one bulk query to the end and returns its JSONL (buffered: the HTTP response is not kept open while it is parsed).</summary>
    private async Task<Stream> ExportAsync(ShopifyAdminClient client, string document, CancellationToken cancellationToken)
    {
        var operation = await StartAsync(client, document, cancellationToken);
        operation = await WaitAsync(client, operation, cancellationToken);
        if (operation.Status != "COMPLETED")
            throw new ShopifyApiException($"The bulk export of {client.Shop} ended {operation.Status}{(operation.ErrorCode is { } code ? $" ({code})" : "")}.");
        if (operation.Url is null) return Stream.Null; // Shopify gives no file when there was nothing to export.

        // The result URL is a pre-signed storage link: it must not carry the shop's access token.
        using var http = httpClients.CreateClient(HttpClientName);
        using var response = await http.GetAsync(operation.Url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new ShopifyApiException($"The bulk export file of {client.Shop} could not be downloaded (HTTP {(int)response.StatusCode}).");
        var buffer = new MemoryStream();
        await response.Content.CopyToAsync(buffer, cancellationToken);
        buffer.Position = 0;
        logger.LogInformation("Bulk export {Document} of {Shop}: {Objects} objects, {Bytes} bytes", document, client.Shop, operation.ObjectCount, buffer.Length);
        return buffer;
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

    /// <summary>Rebuilds collections and their member ids from JSONL lines.</summary>
    public static async Task<List<Collection>> AssembleCollectionsAsync(Stream jsonl, CancellationToken cancellationToken)
    {
        var collections = new List<(Collection Collection, List<ProductReference> Members)>();
        var byId = new Dictionary<string, List<ProductReference>>(StringComparer.Ordinal);
        await foreach (var (bytes, id, parent) in LinesAsync(jsonl, cancellationToken))
        {
            if (parent is null)
            {
                var members = new List<ProductReference>();
                collections.Add((Deserialize(bytes, Json.Collection), members));
                byId[id] = members;
            }
            else if (byId.TryGetValue(parent, out var members))
                members.Add(new ProductReference(id));
            else
                throw new ShopifyApiException($"The bulk export has a line whose parent {parent} came before it was defined.");
        }
        return collections.Select(c => c.Collection with { Products = new(c.Members) }).ToList();
    }

    private static async IAsyncEnumerable<(byte[] Bytes, string Id, string? Parent)> LinesAsync(
        Stream jsonl, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(jsonl, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            var bytes = Encoding.UTF8.GetBytes(line);
            string id, parent;
            using (var doc = JsonDocument.Parse(bytes))
            {
                var root = doc.RootElement;
                id = root.TryGetProperty("id", out var idElement) ? idElement.GetString() ?? "" : "";
                parent = root.TryGetProperty("__parentId", out var p) ? p.GetString() ?? "" : "";
            }
            yield return (bytes, id, parent.Length == 0 ? null : parent);
        }
    }

    /// <summary>Rebuilds products from JSONL lines; children may come in any order after their parents.</summary>
    public static async Task<List<Product>> AssembleProductsAsync(Stream jsonl, CancellationToken cancellationToken)
    {
        var products = new List<ProductParts>();
        var productsById = new Dictionary<string, ProductParts>(StringComparer.Ordinal);
        var variantsById = new Dictionary<string, VariantParts>(StringComparer.Ordinal);
        await foreach (var (bytes, id, parent) in LinesAsync(jsonl, cancellationToken))
        {
            if (parent is null)
            {
                var product = new ProductParts(Deserialize(bytes, Json.Product));
                products.Add(product);
                productsById[id] = product;
            }
            else if (id.Contains("/ProductVariant/", StringComparison.Ordinal) && productsById.TryGetValue(parent, out var owner))
            {
                var variant = new VariantParts(Deserialize(bytes, Json.ProductVariant));
                owner.Variants.Add(variant);
                variantsById[id] = variant;
            }
            else if (id.Contains("/InventoryLevel/", StringComparison.Ordinal) && variantsById.TryGetValue(parent, out var stocked))
                stocked.Levels.Add(Deserialize(bytes, Json.InventoryLevel));
            else if (productsById.TryGetValue(parent, out var pictured))
                pictured.Media.Add(Deserialize(bytes, Json.Media));
            else if (variantsById.TryGetValue(parent, out var picturedVariant))
                picturedVariant.Media.Add(Deserialize(bytes, Json.Media));
            else
                throw new ShopifyApiException($"The bulk export has a line whose parent {parent} came before it was defined.");
        }
        return products.Select(p => p.Build()).ToList();
    }

    private static T Deserialize<T>(byte[] line, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(line, type) ?? throw new ShopifyApiException("The bulk export has an empty line object.");

    private sealed class ProductParts(Product product)
    {
        public List<Media> Media { get; } = [];
        public List<VariantParts> Variants { get; } = [];

        public Product Build() => product with
        {
            Tags = product.Tags ?? [],
            Options = product.Options ?? [],
            Media = new(Media),
            Variants = new(Variants.OrderBy(v => v.Variant.Position).Select(v => v.Build()).ToList()),
        };
    }

    private sealed class VariantParts(ProductVariant variant)
    {
        public ProductVariant Variant { get; } = variant;
        public List<Media> Media { get; } = [];
        public List<InventoryLevel> Levels { get; } = [];

        public ProductVariant Build() => Variant with
        {
            SelectedOptions = Variant.SelectedOptions ?? [],
            Media = new(Media),
            InventoryItem = Variant.InventoryItem is { } item ? item with { InventoryLevels = new(Levels) } : null,
        };
    }
}
