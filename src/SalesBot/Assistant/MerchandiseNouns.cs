using System.Reflection;

namespace SalesBot.Assistant;

/// <summary>
/// Common retail nouns ("parka", "wallet", "mug") from the embedded <c>Data/merchandise-nouns.txt</c>, stemmed as
/// catalog words are: a noun here that the catalog never uses names a product the store does not have.
/// </summary>
public static class MerchandiseNouns
{
    private const string ResourceName = "SalesBot.Assistant.merchandise-nouns.txt";

    private static readonly HashSet<string> Stems = Load();

    /// <summary>True when the (stemmed, lowercase) term names a kind of merchandise.</summary>
    public static bool Contains(string term) => Stems.Contains(term);

    private static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        using var reader = new StreamReader(stream);
        var stems = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var word = line.Trim();
            if (word.Length == 0 || word.StartsWith('#')) continue;
            word = word.ToLowerInvariant();
            // Both forms the stemmer can give: "beanie" stays "beanie", "beanies" becomes "beany".
            stems.Add(Tokenizer.Stem(word));
            stems.Add(Tokenizer.Stem(word.EndsWith('s') || word.EndsWith('x') || word.EndsWith("ch") || word.EndsWith("sh") ? word + "es" : word + "s"));
        }
        return stems;
    }
}
