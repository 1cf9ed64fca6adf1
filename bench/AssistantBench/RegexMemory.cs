using System.Reflection;
using System.Text.RegularExpressions;
using SalesBot.Assistant;

namespace AssistantBench;

/// <summary>
/// What the app's regexes hold once used: every source-generated pattern of SalesBot is created and run over a few shopper
/// and model sentences, and the live heap is measured around it. Run first, before the catalog loads, because the app
/// creates them all sooner or later (the LLM path's fact check uses most), so the later stages include them as the app does.
/// A RegexOptions.NonBacktracking pattern keeps its character-set caches (0.4–2.5 MB each); a generated backtracking one
/// keeps nothing (RegexLimits).
/// </summary>
public static class RegexMemory
{
    private static readonly string[] Texts =
    [
        "do you have a blue shirt under $30 for my 7 year old?", "The Classic Gold Velvet Hoodie is $12.34, free shipping tomorrow!",
        "Use code SAVE10 for 50% off, half price, 2 for 1.", "¿tienen zapatos rojos? merci danke ÄÖÜ 日本語 🎁",
        "where is my order #1234, it has not shipped", "Returns are free within 30 days. See https://shop.example/policies/refund",
    ];

    public static (int Patterns, int NonBacktracking, long Bytes) Measure()
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var patterns = typeof(RegexLimits).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(m => m.ReturnType == typeof(Regex) && m.GetParameters().Length == 0 && m.GetCustomAttribute<GeneratedRegexAttribute>() is not null)
            .Select(m => (Regex)m.Invoke(null, null)!)
            .ToList();
        foreach (var regex in patterns)
            foreach (var text in Texts)
                for (var match = regex.Match(text); match.Success; match = match.NextMatch()) { }
        var bytes = GC.GetTotalMemory(forceFullCollection: true) - before;
        return (patterns.Count, patterns.Count(r => r.Options.HasFlag(RegexOptions.NonBacktracking)), bytes);
    }
}
