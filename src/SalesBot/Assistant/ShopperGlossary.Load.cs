using System.Reflection;

namespace SalesBot.Assistant;

// Reading Data/shopper-glossary.txt: the forms of each line, their generated plurals, the English words never read as
// foreign, and the words that tell which language a message is in.
public static partial class ShopperGlossary
{
    private const string ResourceName = "SalesBot.Assistant.shopper-glossary.txt";

    // German plural and adjective endings ("Kerzen", "rote"); Spanish and French plurals are one rule each.
    private static readonly string[] GermanEndings = ["e", "en", "n", "er", "es", "s", "em"];

    // After GermanEndings, in the same file: static fields start in the order written within one file (not across the
    // parts of a partial class), and loading reads it. The file is read once per process, on first use.
    private static readonly Glossary Loaded = Load(ReadResource());

    private sealed record Glossary(
        Dictionary<string, Entry[]> Forms,
        Dictionary<string, string> German,
        HashSet<string> English,
        Dictionary<string, string[]> Marks,
        int LongestPhrase,
        List<(string Language, string Form, string English)> Written);

    private static string ReadResource()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static Glossary Load(string file)
    {
        var written = new List<(string Language, string Form, string English)>();
        var entries = new List<(string Form, Entry Entry)>();
        foreach (var raw in file.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var colon = line.IndexOf(':');
            var equals = line.LastIndexOf('=');
            if (colon < 1 || equals < colon) throw new FormatException($"glossary line is not 'lang: forms = english': {line}");
            var language = line[..colon].Trim();
            var meaning = line[(equals + 1)..].Trim();
            foreach (var part in line[(colon + 1)..equals].Split(','))
            {
                var form = part.Trim();
                var marked = form.StartsWith('~');
                // Hyphens and apostrophes split words as the tokenizer splits them ("d'oreille", "sous-vêtement").
                var key = string.Join(' ', Tokenizer.Words(marked ? form[1..] : form).Select(Fold));
                // French "a" is English "a" too, however the file writes it.
                var alsoEnglish = marked || Tokenizer.IsStopWord(key);
                if (key.Length == 0) throw new FormatException($"empty form in glossary line: {line}");
                written.Add((language, key, meaning));
                entries.Add((key, new Entry(language, meaning, alsoEnglish)));
            }
        }

        // One reading per language and form; written forms first, so a generated plural never replaces a word the file
        // spells out, and the file's order among languages (the first is taken when nothing else tells them apart).
        var readings = new Dictionary<string, List<Entry>>(StringComparer.Ordinal);
        void Offer(string form, Entry entry)
        {
            if (!readings.TryGetValue(form, out var list)) readings[form] = list = [];
            if (!list.Any(e => e.Language == entry.Language)) list.Add(entry);
        }
        foreach (var (form, entry) in entries) Offer(form, entry);
        foreach (var (form, entry) in entries)
            if (entry.English != FunctionWord && !form.Contains(' '))
                foreach (var inflected in Inflections(form, entry.Language))
                    Offer(inflected, entry);
        var forms = readings.ToDictionary(r => r.Key, r => r.Value.ToArray(), StringComparer.Ordinal);

        // English as the glossary and the merchandise list write it: such a word is never read as foreign on its own.
        var english = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, entry) in entries)
            if (entry.English != FunctionWord)
                foreach (var term in Tokenizer.Terms(entry.English)) english.Add(term);
        foreach (var (form, _) in entries)
            if (MerchandiseNouns.Contains(Tokenizer.Stem(form))) english.Add(Tokenizer.Stem(form));

        var german = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (form, of) in forms)
            foreach (var entry in of)
                if (entry.Language == "de" && entry.English != FunctionWord && !form.Contains(' ')) german.TryAdd(form, entry.English);

        // "de" is Spanish and French: a word marks every language that has it, as long as it is no English word too.
        var marks = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (spelled, entry) in entries)
        {
            if (entry.AlsoEnglish || spelled.Contains(' ')) continue;
            var all = entry.English == FunctionWord ? [spelled] : Inflections(spelled, entry.Language).Prepend(spelled);
            foreach (var form in all)
            {
                if (english.Contains(Tokenizer.Stem(form))) continue;
                marks[form] = marks.TryGetValue(form, out var of) ? [.. of.Append(entry.Language).Distinct()] : [entry.Language];
            }
        }

        var longest = entries.Max(e => e.Form.Count(c => c == ' ') + 1);
        return new Glossary(forms, german, english, marks, longest, written);
    }

    /// <summary>The regular plurals (and German adjective endings) of a written form.</summary>
    private static IEnumerable<string> Inflections(string form, string language)
    {
        switch (language)
        {
            case "es":
                yield return "aeiou".Contains(form[^1]) ? form + "s" : form + "es";
                break;
            case "fr":
                if (!form.EndsWith('s') && !form.EndsWith('x')) yield return form.EndsWith("eau", StringComparison.Ordinal) || form.EndsWith("eu", StringComparison.Ordinal) ? form + "x" : form + "s";
                break;
            case "de":
                foreach (var ending in GermanEndings)
                    if (!(form.EndsWith('e') && ending.StartsWith('e'))) yield return form + ending;
                break;
        }
    }
}
