using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using SalesBot.Assistant;

namespace SalesBot.Tests.Assistant;

/// <summary>
/// Every regex of the app stays linear-time on text it does not control (issue 14): those of the parts that read chat,
/// model and policy text run with RegexOptions.NonBacktracking or a timeout (<see cref="RegexLimits"/>), and every one,
/// whatever its engine, matches adversarial text at twice the longest cap (runs of digits, spaces, marks and the patterns'
/// own keywords, each ending where a match would fail) in a few milliseconds, where a pattern that backtracks
/// quadratically takes hundreds.
/// </summary>
public sealed class LinearRegexTests
{
    private const int Length = 2 * ChatLimits.ModelText;

    // Budget per pattern and text, best of three: a linear pattern takes well under a millisecond on 8,000 characters.
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(25);

    private static readonly string[] Seeds =
    [
        " ", "\n", "1", "1.", "1,", "1 ", "1 1 ", "12.3,", "a", "a ", "A", "AB-", "ab'", "a.", "a-", "-", "'", "’", "&", "T-", "l'",
        "<", "<a", "<<", "</", "<br", "**", "**a", "\"", "“", "[[", "[[a", "]]", "#", "#1", "# ", "$", "$1", "$1 ", "€1 ", "~", ">",
        "http://a", "www.a", "a/", "a.b", "ship ", "ship to ", "shipping ", "under ", "under $1 ", "over ", "between 1 ",
        "between 1 and ", "around ", "remove ", "my order ", "where my ", "where is ", "order ", "order # ", "your order ",
        "your order has ", "the order is ", "#123 has ", "free ", "free returns ", "returns ", "returns are ", "code ", "CODE ",
        "promo code ", "code: ", "percent ", "1 percent ", "fifty ", "half ", "half price ", "buy one ", "2 for ", "1 days ",
        "1 to ", "1 - ", "1 business ", "same ", "next-day ", "by ", "age ", "aged ", "1 year ", "1-year-", "add ", "take 1 ",
        "take 1st ", "number ", "No. ", "thank ", "see ", "have a good ", "that's ", "talk to a", "check ", "show me ", "what's in ",
        "cheapest ", "most ", "in stock ", "lifetime ", "guarantee ", "arrives ", "get it ", "today ", "this week ", "contact ",
        "your e-mail ", "privacy ", "personal ", "terms ", "how long ", "how much ", "costs ", "dollars ", "USD ", "50/50 ",
    ];

    [Fact]
    public void Every_pattern_that_reads_chat_text_is_non_backtracking_or_has_a_timeout()
    {
        var unbounded = AllPatterns()
            .Where(p => p.Owner.Namespace is "SalesBot.Assistant" or "SalesBot.Assistant.Memory" or "SalesBot.Facebook")
            .Where(p => !p.Regex.Options.HasFlag(RegexOptions.NonBacktracking) && p.Regex.MatchTimeout == Regex.InfiniteMatchTimeout)
            .Select(p => p.Name)
            .ToList();

        Assert.NotEmpty(AllPatterns());
        Assert.Empty(unbounded);
    }

    [Fact]
    public void Every_pattern_matches_adversarial_text_in_linear_time()
    {
        var texts = Seeds.SelectMany(seed => new[] { Repeat(seed, Length), Repeat(seed, Length - 1) + "!", Repeat(seed, Length - 2) + "x." }).ToList();
        var slow = new List<string>();
        foreach (var (name, _, regex) in AllPatterns())
            foreach (var text in texts)
            {
                var best = Enumerable.Range(0, 3).Min(_ => Time(regex, text));
                if (best > Budget) slow.Add($"{name}: {best.TotalMilliseconds:F0} ms on {Describe(text)}");
            }

        Assert.True(slow.Count == 0, string.Join("\n", slow));
    }

    /// <summary>Control: the check does tell a quadratic pattern apart (the money pattern as it was before issue 14).</summary>
    [Fact]
    public void A_quadratic_pattern_fails_the_budget()
    {
        var quadratic = new Regex(@"(?<a>\d[\d.,]*\d|\d)\s?(?:€|£|\$)", RegexOptions.None);
        Assert.True(Time(quadratic, Repeat("1", Length)) > Budget);
    }

    private static TimeSpan Time(Regex regex, string text)
    {
        var start = Stopwatch.GetTimestamp();
        var count = 0;
        try
        {
            for (var match = regex.Match(text); match.Success; match = match.NextMatch()) count++;
        }
        catch (RegexMatchTimeoutException e)
        {
            return e.MatchTimeout; // at least that long: over any budget
        }
        GC.KeepAlive(count);
        return Stopwatch.GetElapsedTime(start);
    }

    private static string Repeat(string seed, int length)
    {
        var text = new System.Text.StringBuilder(length + seed.Length);
        while (text.Length < length) text.Append(seed);
        return text.ToString(0, length);
    }

    private static string Describe(string text) => $"\"{text[..Math.Min(24, text.Length)].Replace("\n", "\\n")}…\" ({text.Length} chars, ending \"{text[^2..]}\")";

    /// <summary>Every source-generated pattern of the app: its name, the type that owns it and the instance.</summary>
    private static List<(string Name, Type Owner, Regex Regex)> AllPatterns() =>
        typeof(RegexLimits).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                .Where(m => m.ReturnType == typeof(Regex) && m.GetParameters().Length == 0 && m.GetCustomAttribute<GeneratedRegexAttribute>() is not null)
                .Select(m => ($"{t.Name}.{m.Name}", t, (Regex)m.Invoke(null, null)!)))
            .ToList();
}
