using System.Text.Json;
namespace AssistantEval;

/// <summary>One shopper question: the turns sent in order (the last is judged) and ESCI grades by product handle.</summary>
public sealed record EvalQuestion(string Id, string Catalog, string Category, IReadOnlyList<string> Turns, IReadOnlyDictionary<string, string> Labels)
{
    /// <summary>ESCI gains: exact 1, substitute 0.1, complement 0.01, anything else 0.</summary>
    public double Gain(string handle) => Labels.GetValueOrDefault(handle) switch
    {
        "exact" => 1, "substitute" => 0.1, "complement" => 0.01, _ => 0,
    };

    /// <summary>No product in the catalog answers it: the honest reply is "we don't have that".</summary>
    public bool NoMatch => Labels.Count == 0;

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static List<EvalQuestion> Load(string path) =>
        [.. File.ReadLines(path).Where(l => l.Trim().Length > 0).Select(l => JsonSerializer.Deserialize<EvalQuestion>(l, Json)!)];
}
