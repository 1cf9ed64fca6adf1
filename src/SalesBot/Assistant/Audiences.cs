using System.Text.RegularExpressions;

namespace SalesBot.Assistant;

/// <summary>Who a product is for, as shoppers say it and as merchants mark it in titles, types, tags and collections.</summary>
public enum Audience { Men, Women, Kids }

/// <summary>
/// Reads the audience out of a shopper's words ("for my boyfriend", "for a 5 year old") and out of a product's own
/// labels. An age is taken out of the search text, so "5 year old" never matches the 5 of "Soft Shirt 5".
/// </summary>
public static partial class Audiences
{
    // Words that name a person, not a product: they choose the audience and are taken out of the search words.
    private static readonly Dictionary<string, Audience> PersonWords = new(StringComparer.Ordinal)
    {
        ["boyfriend"] = Audience.Men, ["husband"] = Audience.Men, ["dad"] = Audience.Men, ["father"] = Audience.Men,
        ["brother"] = Audience.Men, ["grandpa"] = Audience.Men, ["grandfather"] = Audience.Men, ["him"] = Audience.Men,
        ["guy"] = Audience.Men, ["fiance"] = Audience.Men, ["uncle"] = Audience.Men,
        ["girlfriend"] = Audience.Women, ["wife"] = Audience.Women, ["mom"] = Audience.Women, ["mum"] = Audience.Women,
        ["mother"] = Audience.Women, ["sister"] = Audience.Women, ["grandma"] = Audience.Women, ["grandmother"] = Audience.Women,
        ["her"] = Audience.Women, ["fiancee"] = Audience.Women, ["aunt"] = Audience.Women,
        ["kid"] = Audience.Kids, ["kids"] = Audience.Kids, ["child"] = Audience.Kids, ["children"] = Audience.Kids,
        ["toddler"] = Audience.Kids, ["baby"] = Audience.Kids, ["newborn"] = Audience.Kids, ["son"] = Audience.Kids,
        ["daughter"] = Audience.Kids, ["nephew"] = Audience.Kids, ["niece"] = Audience.Kids,
        // Spanish, French and German shoppers ("para mi novio", "pour ma mère", "für meinen Sohn"), accents written or not.
        ["novio"] = Audience.Men, ["esposo"] = Audience.Men, ["marido"] = Audience.Men, ["padre"] = Audience.Men,
        ["papá"] = Audience.Men, ["papa"] = Audience.Men, ["hermano"] = Audience.Men, ["abuelo"] = Audience.Men, ["tío"] = Audience.Men,
        ["tio"] = Audience.Men, ["él"] = Audience.Men, ["mari"] = Audience.Men, ["copain"] = Audience.Men, ["père"] = Audience.Men,
        ["pere"] = Audience.Men, ["frère"] = Audience.Men, ["frere"] = Audience.Men, ["oncle"] = Audience.Men, ["lui"] = Audience.Men,
        ["freund"] = Audience.Men, ["ehemann"] = Audience.Men, ["vater"] = Audience.Men, ["bruder"] = Audience.Men,
        ["opa"] = Audience.Men, ["onkel"] = Audience.Men, ["ihn"] = Audience.Men,
        ["novia"] = Audience.Women, ["esposa"] = Audience.Women, ["madre"] = Audience.Women, ["mamá"] = Audience.Women,
        ["mama"] = Audience.Women, ["hermana"] = Audience.Women, ["abuela"] = Audience.Women, ["tía"] = Audience.Women,
        ["tia"] = Audience.Women, ["ella"] = Audience.Women, ["copine"] = Audience.Women, ["mère"] = Audience.Women,
        ["maman"] = Audience.Women, ["sœur"] = Audience.Women, ["soeur"] = Audience.Women, ["tante"] = Audience.Women,
        ["elle"] = Audience.Women, ["freundin"] = Audience.Women, ["ehefrau"] = Audience.Women, ["mutter"] = Audience.Women,
        ["schwester"] = Audience.Women, ["oma"] = Audience.Women,
        ["hijo"] = Audience.Kids, ["hija"] = Audience.Kids, ["sobrino"] = Audience.Kids, ["sobrina"] = Audience.Kids,
        ["fils"] = Audience.Kids, ["neveu"] = Audience.Kids, ["nièce"] = Audience.Kids, ["sohn"] = Audience.Kids,
        ["tochter"] = Audience.Kids, ["neffe"] = Audience.Kids, ["nichte"] = Audience.Kids, ["enkel"] = Audience.Kids,
    };

    // Words a catalog marks an audience with; "men" and "women" are separate tokens ("women's" → "women", "s").
    private static readonly Dictionary<string, Audience> LabelWords = new(StringComparer.Ordinal)
    {
        ["men"] = Audience.Men, ["mens"] = Audience.Men, ["man"] = Audience.Men, ["male"] = Audience.Men, ["gents"] = Audience.Men,
        ["women"] = Audience.Women, ["womens"] = Audience.Women, ["woman"] = Audience.Women, ["female"] = Audience.Women,
        ["ladies"] = Audience.Women, ["lady"] = Audience.Women,
        ["kid"] = Audience.Kids, ["kids"] = Audience.Kids, ["child"] = Audience.Kids, ["children"] = Audience.Kids,
        ["childrens"] = Audience.Kids, ["baby"] = Audience.Kids, ["toddler"] = Audience.Kids, ["youth"] = Audience.Kids,
        ["junior"] = Audience.Kids, ["boys"] = Audience.Kids, ["girls"] = Audience.Kids, ["infant"] = Audience.Kids,
        // Spanish, French and German labels; they stay search words, read in English by ShopperGlossary.
        ["mujer"] = Audience.Women, ["mujeres"] = Audience.Women, ["dama"] = Audience.Women, ["damas"] = Audience.Women,
        ["femme"] = Audience.Women, ["femmes"] = Audience.Women, ["frau"] = Audience.Women, ["frauen"] = Audience.Women,
        ["damen"] = Audience.Women,
        ["hombre"] = Audience.Men, ["hombres"] = Audience.Men, ["caballero"] = Audience.Men, ["caballeros"] = Audience.Men,
        ["homme"] = Audience.Men, ["hommes"] = Audience.Men, ["herren"] = Audience.Men, ["mann"] = Audience.Men,
        ["männer"] = Audience.Men,
        ["niño"] = Audience.Kids, ["niños"] = Audience.Kids, ["niña"] = Audience.Kids, ["niñas"] = Audience.Kids,
        ["nino"] = Audience.Kids, ["ninos"] = Audience.Kids, ["nina"] = Audience.Kids, ["ninas"] = Audience.Kids,
        ["infantil"] = Audience.Kids, ["bebé"] = Audience.Kids, ["enfant"] = Audience.Kids, ["enfants"] = Audience.Kids,
        ["bébé"] = Audience.Kids, ["kinder"] = Audience.Kids, ["mädchen"] = Audience.Kids, ["jungen"] = Audience.Kids,
    };

    /// <summary>
    /// The audience the shopper names, and <paramref name="text"/> without the age phrase and the person words (the
    /// catalog's own label words, "men's jacket", stay: they are search words too).
    /// </summary>
    public static (Audience? Audience, string Remaining) Read(string text)
    {
        Audience? audience = null;
        if (AgePattern().Match(text) is { Success: true } age)
        {
            var years = int.Parse(age.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (years < 14) audience = Audience.Kids;
            text = text.Remove(age.Index, age.Length).Insert(age.Index, " ");
        }
        var words = Tokenizer.Words(text).ToList();
        audience ??= words.Select(w => PersonWords.TryGetValue(w, out var a) ? a : (Audience?)null).FirstOrDefault(a => a is not null);
        audience ??= words.Select(w => LabelWords.TryGetValue(w, out var a) ? a : (Audience?)null).FirstOrDefault(a => a is not null);
        if (audience is not null)
            text = PersonWordPattern().Replace(text, m => PersonWords.ContainsKey(m.Value) && !LabelWords.ContainsKey(m.Value) ? " " : m.Value);
        return (audience, text);
    }

    /// <summary>The audiences a product is marked for; empty when it says nothing (anyone), "unisex" counts as all adults.</summary>
    public static IReadOnlySet<Audience> Of(IndexedProduct item)
    {
        var p = item.Product;
        var marked = new HashSet<Audience>();
        foreach (var text in p.Tags.Append(p.Title).Append(p.ProductType ?? "").Concat(item.CollectionTitles))
            foreach (var word in Tokenizer.Words(text))
            {
                if (LabelWords.TryGetValue(word, out var a)) marked.Add(a);
                else if (word == "unisex") { marked.Add(Audience.Men); marked.Add(Audience.Women); }
            }
        return marked;
    }

    /// <summary>Whether a product may be offered for <paramref name="audience"/>: unmarked ones may, ones marked only for others may not.</summary>
    public static bool Fits(IReadOnlySet<Audience> marked, Audience? audience) =>
        audience is null || marked.Count == 0 || marked.Contains(audience.Value);

    // "for a 5 year old", "5-year-old", "5 yo", "age 5", "aged 5", "5 years"; the number is an age, not a product word.
    [GeneratedRegex(@"\b(?:(?<n>\d{1,2})\s*-?\s*(?:years?|yrs?|yo)(?:\s*-?\s*old)?|ages?d?\s+(?<n>\d{1,2}))\b", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex AgePattern();

    [GeneratedRegex(@"\p{L}+", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex PersonWordPattern();
}
