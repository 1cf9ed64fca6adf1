using System.Text.Json.Nodes;
namespace AssistantEval;

/// <summary>
/// The scripted model of the llm runs: it behaves as a faithful model would, so the figures measure the app's plumbing
/// (tools, memory, fact check, cards) rather than a model's judgement. On a shopper's turn it calls search_products with
/// the shopper's words as they are; given the tool's answer it names the first three products it returned as
/// [[handle]] with their prices, or says it found nothing.
/// </summary>
public static class FaithfulModel
{
    private const int Named = 3;

    public static JsonObject? Respond(JsonNode request)
    {
        if (request["messages"] is not JsonArray { Count: > 0 } messages) return null;
        var last = messages[^1]!;
        return (string?)last["role"] switch
        {
            "user" => ScriptedOpenAiServer.ToolCallMessage("search_products", new { query = TextOf(last["content"]) }),
            "tool" => ScriptedOpenAiServer.TextMessage(Reply(Products(TextOf(last["content"])))),
            _ => null,
        };
    }

    private static string Reply(IReadOnlyList<(string Handle, string Price)> products) => products.Count == 0
        ? "Sorry, I couldn't find anything like that in the shop."
        : "Here is what I found: " + string.Join(", ", products.Take(Named).Select(p => $"the [[{p.Handle}]] for {p.Price}")) + ".";

    /// <summary>The search tool's result: a JSON array of products (handle, price); anything else reads as nothing found.</summary>
    private static List<(string Handle, string Price)> Products(string content)
    {
        JsonNode? parsed;
        try { parsed = JsonNode.Parse(content); }
        catch (System.Text.Json.JsonException) { return []; }
        return parsed is not JsonArray items ? []
            : [.. items.OfType<JsonObject>()
                .Select(p => ((string?)(p["handle"] ?? p["Handle"]), (string?)(p["price"] ?? p["Price"])))
                .Where(p => p.Item1 is not null && p.Item2 is not null)
                .Select(p => (p.Item1!, p.Item2!))];
    }

    /// <summary>A message's content: a plain string, or the text parts of a content array.</summary>
    private static string TextOf(JsonNode? content) => content switch
    {
        JsonValue v => (string?)v ?? "",
        JsonArray parts => string.Concat(parts.Select(p => (string?)p?["text"] ?? "")),
        _ => "",
    };
}
