namespace SalesBot.Assistant;

/// <summary>
/// A cheap guess at the shopper's language from common words, so catalog-only replies answer in
/// kind. The LLM path needs none of this: the model answers in the language it is written to.
/// </summary>
public static class LanguageGuess
{
    private static readonly Dictionary<string, string[]> Markers = new()
    {
        ["es"] = ["hola", "quiero", "tienes", "tienen", "busco", "para", "una", "por", "favor", "gracias", "camisa", "precio", "menos", "qué", "que", "hay", "regalo", "buenos", "buenas"],
        ["fr"] = ["bonjour", "salut", "je", "vous", "avez", "cherche", "pour", "une", "merci", "chemise", "moins", "prix", "est", "des", "cadeau"],
        ["de"] = ["hallo", "ich", "suche", "haben", "sie", "ein", "eine", "für", "danke", "hemd", "unter", "preis", "gibt", "geschenk"],
    };

    public static string Of(string text)
    {
        var words = Tokenizer.Words(text).ToHashSet(StringComparer.Ordinal);
        var best = "en";
        var bestHits = 0;
        foreach (var (language, markers) in Markers)
        {
            var hits = markers.Count(words.Contains);
            if (hits > bestHits) (best, bestHits) = (language, hits);
        }
        return best;
    }
}
