using System.Collections.Concurrent;
using System.Reflection;
using System.Text.RegularExpressions;

namespace SalesBot.Shopify.Admin;

/// <summary>
/// The Admin API documents the app sends, read from the embedded <c>Documents/*.graphql</c> files.
/// A document gets the fragments it uses (and those they use) from <c>Fragments.graphql</c> appended,
/// so each request carries exactly the fragments it needs, as GraphQL validation demands.
/// </summary>
public static partial class GraphQlDocuments
{
    private const string FragmentsName = "Fragments";
    private static readonly ConcurrentDictionary<string, string> Cache = new();
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Fragments = new(ParseFragments);

    /// <summary>Every document name (file name without extension), fragments file excluded.</summary>
    public static IReadOnlyList<string> Names { get; } = typeof(GraphQlDocuments).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith("SalesBot.Documents.", StringComparison.Ordinal))
        .Select(n => n["SalesBot.Documents.".Length..^".graphql".Length])
        .Where(n => n != FragmentsName)
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>The full text of a document, with its fragments.</summary>
    public static string Get(string name) => Cache.GetOrAdd(name, Compose);

    private static string Compose(string name)
    {
        var text = ReadResource(name);
        var needed = new List<string>();
        CollectSpreads(text, needed);
        return needed.Count == 0 ? text : text + "\n" + string.Join("\n", needed.Select(n => Fragments.Value[n]));
    }

    private static void CollectSpreads(string text, List<string> needed)
    {
        foreach (Match m in SpreadPattern().Matches(text))
        {
            var fragment = m.Groups[1].Value;
            if (needed.Contains(fragment)) continue;
            if (!Fragments.Value.TryGetValue(fragment, out var body))
                throw new InvalidOperationException($"Fragment '{fragment}' is used but not defined in {FragmentsName}.graphql.");
            needed.Add(fragment);
            CollectSpreads(body, needed);
        }
    }

    private static IReadOnlyDictionary<string, string> ParseFragments()
    {
        var text = ReadResource(FragmentsName);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var starts = FragmentPattern().Matches(text).ToArray();
        for (var i = 0; i < starts.Length; i++)
        {
            var end = i + 1 < starts.Length ? starts[i + 1].Index : text.Length;
            result[starts[i].Groups[1].Value] = text[starts[i].Index..end].Trim();
        }
        return result;
    }

    private static string ReadResource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"SalesBot.Documents.{name}.graphql")
            ?? throw new ArgumentException($"No GraphQL document named '{name}'.", nameof(name));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    // "... on Type" is an inline fragment, not a spread, hence the negative look-ahead.
    [GeneratedRegex(@"\.\.\.\s*(?!on\b)([_A-Za-z][_0-9A-Za-z]*)")]
    private static partial Regex SpreadPattern();

    [GeneratedRegex(@"^fragment\s+([_A-Za-z][_0-9A-Za-z]*)\s+on\b", RegexOptions.Multiline)]
    private static partial Regex FragmentPattern();
}
