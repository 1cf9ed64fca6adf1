using SalesBot.Tests.Support;
using System.Text.RegularExpressions;

namespace SalesBot.Tests.Sandbox;

/// <summary>The app's .graphql documents, with the fragments each uses appended (transitively), as the app sends them.</summary>
internal static partial class AdminDocuments
{
    private static readonly Lazy<Dictionary<string, string>> Fragments = new(() =>
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.AdminDocuments, "Fragments.graphql"));
        return FragmentDefinition().Matches(text).ToDictionary(m => m.Groups[1].Value, m => m.Value);
    });

    public static IEnumerable<string> Names => Directory.GetFiles(RepoPaths.AdminDocuments, "*.graphql")
        .Select(Path.GetFileNameWithoutExtension).Where(n => n != "Fragments").Order()!;

    public static string Load(string name)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.AdminDocuments, name + ".graphql"));
        var used = new List<string>();
        var pending = new Queue<string>(Spreads(text));
        while (pending.TryDequeue(out var fragment))
        {
            if (used.Contains(fragment)) continue;
            used.Add(fragment);
            foreach (var inner in Spreads(Fragments.Value[fragment])) pending.Enqueue(inner);
        }
        return text + "\n" + string.Join("\n", used.Select(f => Fragments.Value[f]));
    }

    private static IEnumerable<string> Spreads(string text) => FragmentSpread().Matches(text).Select(m => m.Groups[1].Value);

    [GeneratedRegex(@"^fragment (\w+) on \w+ \{.*?^\}", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FragmentDefinition();

    [GeneratedRegex(@"\.\.\.\s*(?!on\b)([A-Za-z_]\w*)")]
    private static partial Regex FragmentSpread();
}
