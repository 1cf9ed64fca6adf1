using System.Diagnostics;
using SalesBot.Assistant;
using SalesBot.Assistant.Memory;
namespace AssistantEval;

/// <summary>Puts every question to one assistant with one retrieval mode: the turns in order, memory and history carried, the last turn judged.</summary>
public sealed class EvalRunner(EvalCatalogs catalogs, IReadOnlyList<EvalQuestion> questions)
{
    // The assistant answers "I couldn't find that … here are some favourites" (in the shopper's language) rather than an empty reply.
    private static readonly string[] NotFoundPhrases = [.. new[] { "en", "es", "fr", "de", "it", "pt" }.Select(l => Phrases.For(l).NotFound).Distinct()];

    public async Task<List<Outcome>> RunAsync(EvalAssistant assistant, string mode)
    {
        var outcomes = new List<Outcome>();
        foreach (var question in questions)
        {
            var catalog = catalogs.For(question.Catalog, mode);
            var memory = ConversationMemory.Empty;
            var history = new List<HistoryLine>();
            AssistantReply? reply = null;
            double ms = 0;
            foreach (var turn in question.Turns)
            {
                var start = Stopwatch.GetTimestamp();
                (reply, memory) = await assistant.ReplyAsync(new AssistantRequest(catalog, turn, null, [.. history], true), memory);
                ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                history.Add(new HistoryLine("user", turn));
                history.Add(new HistoryLine("assistant", reply.Text));
            }
            var top = reply!.Cards.Select(c => catalog.FindById(c.ProductId)?.Product.Handle).OfType<string>().ToList();
            var notFound = top.Count == 0 || NotFoundPhrases.Any(reply.Text.StartsWith);
            outcomes.Add(new Outcome(question, notFound ? [] : top, ms));
        }
        return outcomes;
    }
}
