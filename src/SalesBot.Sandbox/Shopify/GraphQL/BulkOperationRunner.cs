using System.Text;
using System.Text.Json.Nodes;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using SalesBot.Sandbox.Shopify.Store;
using SalesBot.Sandbox.Shopify.Webhooks;

namespace SalesBot.Sandbox.Shopify.GraphQL;

/// <summary>
/// Runs <c>bulkOperationRunQuery</c> over the whole store (no <c>first</c> limits) and turns the
/// result into Shopify's JSONL: one line per node, nested connection nodes on their own lines
/// with <c>__parentId</c>.
/// </summary>
internal sealed class BulkOperationRunner(ShopifySandbox sandbox)
{
    /// <summary>Null when Shopify would accept the query; otherwise the reason.</summary>
    public static string? Validate(string query)
    {
        try
        {
            var document = GraphQLParser.Parser.Parse(query);
            var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
            if (operations.Count != 1 || operations[0].Operation != OperationType.Query) return "Bulk queries must contain exactly one query operation.";
            return null;
        }
        catch (GraphQLSyntaxErrorException e)
        {
            return $"Invalid bulk query: {e.Description}";
        }
    }

    public async Task RunAsync(ShopifyStore store, StoreBulkOperation operation)
    {
        try
        {
            var context = new AdminRequestContext(store, sandbox, bulk: true, baseUri: "");
            var result = await sandbox.GraphQl.RunAsync(context, operation.Query, null, null, CancellationToken.None);
            if (result["errors"] is JsonArray { Count: > 0 } || result["data"] is not JsonObject data)
            {
                operation.ErrorCode = "INTERNAL_SERVER_ERROR";
                operation.Status = "FAILED";
            }
            else
            {
                var lines = new List<string>();
                var roots = 0;
                foreach (var (_, value) in data)
                {
                    foreach (var node in Nodes(value))
                    {
                        roots++;
                        Flatten(node, null, lines);
                    }
                }
                operation.Result = Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n")));
                operation.ObjectCount = lines.Count;
                operation.RootObjectCount = roots;
                operation.Url = operation.ResultUrl;
                operation.Status = "COMPLETED";
            }
        }
        catch (Exception)
        {
            // A crash in the sandbox surfaces to the app exactly as a failed Shopify operation would.
            operation.ErrorCode = "INTERNAL_SERVER_ERROR";
            operation.Status = "FAILED";
        }
        operation.CompletedAt = store.Now;
        await store.Gate.WaitAsync();
        try
        {
            sandbox.Webhooks.Publish(store, "bulk_operations/finish", WebhookPayloads.BulkOperationFinished(operation), suppress: false);
        }
        finally
        {
            store.Gate.Release();
        }
    }

    /// <summary>The nodes of a connection value, or the value itself when it is a plain object.</summary>
    private static IEnumerable<JsonObject> Nodes(JsonNode? value)
    {
        if (value is not JsonObject obj) return [];
        if (obj["nodes"] is JsonArray nodes) return nodes.OfType<JsonObject>();
        if (obj["edges"] is JsonArray edges) return edges.Select(e => e?["node"]).OfType<JsonObject>();
        return [obj];
    }

    private static bool IsConnection(JsonNode? value) => value is JsonObject o && (o["nodes"] is JsonArray || o["edges"] is JsonArray);

    private static void Flatten(JsonObject node, string? parentId, List<string> lines)
    {
        var line = node.DeepClone().AsObject();
        var children = new List<JsonObject>();
        Detach(line, children);
        if (parentId is not null) line["__parentId"] = parentId;
        lines.Add(line.ToJsonString());
        var id = line["id"]?.GetValue<string>();
        foreach (var child in children) Flatten(child, id, lines);
    }

    /// <summary>Removes nested connections (also inside plain nested objects) and collects their nodes.</summary>
    private static void Detach(JsonObject obj, List<JsonObject> children)
    {
        foreach (var key in obj.Select(p => p.Key).ToList())
        {
            var value = obj[key];
            if (IsConnection(value))
            {
                children.AddRange(Nodes(value).Select(n => n.DeepClone().AsObject()));
                obj.Remove(key);
            }
            else if (value is JsonObject nested) Detach(nested, children);
        }
    }
}
