namespace AssistantEval;

/// <summary>What the assistant showed for one question's judged turn (product handles, in order) and how long it took.</summary>
public sealed record Outcome(EvalQuestion Question, IReadOnlyList<string> Top, double Milliseconds)
{
    /// <summary>"We don't have that": the reply shows no product.</summary>
    public bool NotFound => Top.Count == 0;
}

/// <summary>Figures over a set of outcomes; hit and nDCG over answerable questions, honest not-found over no-match ones.</summary>
public sealed record Summary(double? Hit1, double? Hit3, double? Ndcg5, double? HonestNotFound, double? FalseNotFound)
{
    public static Summary Of(IReadOnlyList<Outcome> outcomes)
    {
        var answerable = outcomes.Where(o => !o.Question.NoMatch).ToList();
        var noMatch = outcomes.Where(o => o.Question.NoMatch).ToList();
        return new Summary(
            Mean(answerable, o => o.Top.Take(1).Any(h => o.Question.Gain(h) >= 1) ? 1 : 0),
            Mean(answerable, o => o.Top.Take(3).Any(h => o.Question.Gain(h) >= 1) ? 1 : 0),
            Mean(answerable, NdcgAt5),
            Mean(noMatch, o => o.NotFound ? 1 : 0),
            Mean(answerable, o => o.NotFound ? 1 : 0));
    }

    // A hit is an exact product; nDCG@5 uses the ESCI gains against the ideal order of the labels.
    private static double NdcgAt5(Outcome o)
    {
        var dcg = o.Top.Take(5).Select((h, i) => o.Question.Gain(h) / Math.Log2(i + 2)).Sum();
        var ideal = o.Question.Labels.Keys.Select(o.Question.Gain).OrderDescending().Take(5).Select((g, i) => g / Math.Log2(i + 2)).Sum();
        return ideal == 0 ? 0 : dcg / ideal;
    }

    private static double? Mean(List<Outcome> set, Func<Outcome, double> f) => set.Count == 0 ? null : set.Average(f);
}
