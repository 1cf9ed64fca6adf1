using SalesBot.Assistant;
namespace AssistantEval;

/// <summary>
/// The catalogs the questions name: "sample" (Shopify's three sample CSVs, <see cref="SampleCatalog"/>) and "demo" (the
/// sandbox's generated store as the app mirrors it, <see cref="DemoCatalog"/>), indexed as the assistant reads them.
/// </summary>
public sealed class EvalCatalogs(IReadOnlyDictionary<string, CatalogIndex> byName)
{
    public IReadOnlyDictionary<string, CatalogIndex> ByName => byName;

    public CatalogIndex this[string name] => byName.TryGetValue(name, out var index) ? index
        : throw new InvalidOperationException($"no catalog '{name}'; there are {string.Join(", ", byName.Keys)}");

    /// <summary>
    /// The index a question's catalog is searched with in a retrieval mode. Only lexical exists today; a mode such as
    /// hybrid selects its search here (and is added to Program.cs's knownModes).
    /// </summary>
    public CatalogIndex For(string name, string mode) => mode switch
    {
        "lexical" => this[name],
        _ => throw new ArgumentException($"retrieval mode '{mode}' is not known here", nameof(mode)),
    };

    public static async Task<EvalCatalogs> LoadAsync() => new(new Dictionary<string, CatalogIndex>
    {
        ["sample"] = new(SampleCatalog.Load()),
        ["demo"] = new(await DemoCatalog.LoadAsync()),
    });

    /// <summary>What a grader reads to label questions: every product the assistant may show, one line each.</summary>
    public void Print(string name, TextWriter output)
    {
        var catalog = this[name];
        foreach (var item in catalog.Products.OrderBy(p => p.Product.ProductType, StringComparer.Ordinal).ThenBy(p => p.Product.Handle, StringComparer.Ordinal))
        {
            var p = item.Product;
            var prices = p.Variants.Nodes.Select(v => v.Price).ToList();
            var options = string.Join("; ", p.Options.Select(o => $"{o.Name}: {string.Join("/", o.Values)}"));
            output.WriteLine($"{p.Handle} | {p.Title} | {p.ProductType} | [{string.Join(", ", p.Tags)}] | {catalog.Money.Format(prices.Min())}–{catalog.Money.Format(prices.Max())} | {(item.InStock ? "in stock" : "sold out")} | {options}");
        }
    }
}
