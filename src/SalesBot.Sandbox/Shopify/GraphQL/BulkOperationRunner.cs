using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using SalesBot.Sandbox.Shopify.Store;
using SalesBot.Sandbox.Shopify.Webhooks;

namespace SalesBot.Sandbox.Shopify.GraphQL;

/// <summary>
/// Runs <c>bulkOperationRunQuery</c> over the whole store (no <c>first</c> limits) and turns the
/// result into Shopify's JSONL: one line per node, nested connection nodes on their own lines
/// with <c>__parentId</c> naming the object that owns the connection (for inventory levels, the
/// variant's <c>inventoryItem</c>). Ungrouped, as 2026-01 is by default, the lines come in a seeded
/// scrambled order with children before their parents too; one parent's children keep their
/// connection order (Shopify gives media no position to restore it by). <c>groupObjects: true</c>
/// writes each parent followed by its children.
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
            var context = new AdminRequestContext(store, sandbox, bulk: true, operation.BaseUri);
            var result = await sandbox.GraphQl.RunAsync(context, operation.Query, null, null, CancellationToken.None);
            if (result["errors"] is JsonArray { Count: > 0 } || result["data"] is not JsonObject data)
            {
                operation.ErrorCode = "INTERNAL_SERVER_ERROR";
                operation.Status = "FAILED";
            }
            else
            {
                var lines = new List<Line>();
                foreach (var (_, value) in data)
                    foreach (var node in Nodes(value))
                        Flatten(node, null, RootGroup, lines);
                var order = operation.GroupObjects ? Enumerable.Range(0, lines.Count).ToArray() : Scrambled(lines, sandbox.Options.BulkOrderSeed ^ (int)operation.Id);
                operation.Result = Concatenate(lines, order);
                operation.ObjectCount = lines.Count;
                operation.RootObjectCount = lines.Count(l => l.Group == RootGroup);
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

    private const int RootGroup = 0;

    /// <summary>One JSONL line; <see cref="Group"/> numbers the connection it came from (its siblings share it).</summary>
    private sealed record Line(byte[] Json, int Group);

    private int _groups;

    /// <summary>Writes <paramref name="node"/> as a line, then its connections' nodes, depth first (Shopify's grouped order).</summary>
    private void Flatten(JsonObject node, string? parentId, int group, List<Line> lines)
    {
        var children = new List<(JsonObject Node, string? Owner, int Group)>();
        Detach(node, node["id"]?.GetValue<string>(), children);
        if (parentId is not null) node["__parentId"] = parentId;
        lines.Add(new Line(JsonSerializer.SerializeToUtf8Bytes(node), group));
        foreach (var (child, owner, childGroup) in children) Flatten(child, owner, childGroup, lines);
    }

    /// <summary>
    /// Removes nested connections (also inside plain nested objects) and collects their nodes with the id of the
    /// nearest object that has one: a level's owner is the inventory item it is listed under, not the variant.
    /// </summary>
    private void Detach(JsonObject obj, string? ownerId, List<(JsonObject, string?, int)> children)
    {
        foreach (var key in obj.Select(p => p.Key).ToList())
        {
            var value = obj[key];
            if (IsConnection(value))
            {
                var group = Interlocked.Increment(ref _groups);
                children.AddRange(Nodes(value).Select(n => (n, ownerId, group)));
                obj.Remove(key);
            }
            else if (value is JsonObject nested) Detach(nested, nested["id"]?.GetValue<string>() ?? ownerId, children);
        }
    }

    /// <summary>A seeded shuffle of every line; then each connection's nodes are put back in their order in the slots they drew.</summary>
    private static int[] Scrambled(List<Line> lines, int seed)
    {
        var order = Enumerable.Range(0, lines.Count).ToArray();
        new Random(seed).Shuffle(order);
        var slots = new Dictionary<int, List<int>>();
        for (var position = 0; position < order.Length; position++)
        {
            var group = lines[order[position]].Group;
            if (group == RootGroup) continue;
            if (!slots.TryGetValue(group, out var taken)) slots[group] = taken = [];
            taken.Add(position);
        }
        foreach (var taken in slots.Values)
        {
            var siblings = taken.Select(p => order[p]).Order().ToList();
            for (var i = 0; i < taken.Count; i++) order[taken[i]] = siblings[i];
        }
        return order;
    }

    private static byte[] Concatenate(List<Line> lines, int[] order)
    {
        var result = new byte[lines.Sum(l => (long)l.Json.Length + 1)];
        var at = 0;
        foreach (var index in order)
        {
            var json = lines[index].Json;
            json.CopyTo(result, at);
            at += json.Length;
            result[at++] = (byte)'\n';
        }
        return result;
    }
}
