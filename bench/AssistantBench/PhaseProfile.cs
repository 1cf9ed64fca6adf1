using System.Diagnostics;
using SalesBot.Assistant;
using SalesBot.Assistant.Semantic;
using SalesBot.Facebook;

namespace AssistantBench;

/// <summary>
/// Where a question's turn goes, each step timed alone (median of many runs) with the app's own public pieces: parsing the
/// message, the question's embedding (cache hit, as in the measured turns) and the scan of the product vectors, the index's
/// search as a whole (which includes that scan in hybrid mode), the cards and the Send API messages.
/// </summary>
public static class PhaseProfile
{
    /// <param name="encoder">The model, to time a question it has not seen (the cache's miss); null in lexical mode.</param>
    public static void Write(CatalogIndex catalog, ISentenceEncoder? encoder, string[] questions, int runs, TextWriter output)
    {
        output.WriteLine("| question | parse | query vector (cached) | query vector (new question) | vector scan | index search (all) | cards | messages | whole turn |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var question in questions)
        {
            var message = ShopperMessage.Parse(question, null);
            var query = message.Query;
            var semantic = catalog.Semantic;
            var searches = message.Intent == ShopperIntent.Search && Tokenizer.Terms(query.Text).Any();
            var parse = Median(runs, () => ShopperMessage.Parse(question, null));
            var vector = semantic is not null && searches ? Median(runs, () => semantic.Queries.Of(query.Text)) : double.NaN;
            var encoded = encoder is not null && semantic is not null && searches
                ? Median(Math.Min(runs, 20), () => encoder.Encode([Tokenizer.Normalize(query.Text)]))
                : double.NaN;
            var scan = semantic is not null && searches
                ? Median(runs, () => semantic.Nearest(query.Text, HybridRanking.Floor, HybridRanking.Candidates))
                : double.NaN;
            var search = message.Intent == ShopperIntent.Search ? Median(runs, () => CatalogSearch.Find(catalog, query, CatalogOnlyAssistant.CardLimit)) : double.NaN;
            var reply = CatalogOnlyAssistant.Reply(new AssistantRequest(catalog, question, null, [], true));
            var matches = reply.Cards.Select(c => new ProductMatch(catalog.FindById(c.ProductId)!, null, 0)).ToList();
            var cards = Median(runs, () => matches.Select(m => ProductCardFactory.Create(catalog, m)).ToList());
            var messages = Median(runs, () => ReplyBuilder.Build(reply));
            var whole = Median(runs, () => ReplyBuilder.Build(CatalogOnlyAssistant.Reply(new AssistantRequest(catalog, question, null, [], true))));
            output.WriteLine($"| {question} | {parse:F3} | {Show(vector)} | {Show(encoded)} | {Show(scan)} | {Show(search)} | {cards:F3} | {messages:F3} | {whole:F3} |");
        }
    }

    private static string Show(double ms) => double.IsNaN(ms) ? "–" : ms.ToString("F3");

    private static double Median(int runs, Func<object?> step)
    {
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            GC.KeepAlive(step());
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(times);
        return times[runs / 2];
    }
}
