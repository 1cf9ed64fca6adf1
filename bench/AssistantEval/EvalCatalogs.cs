using SalesBot.Assistant;
using SalesBot.Assistant.Semantic;
using SalesBot.Catalog;
namespace AssistantEval;

/// <summary>
/// The catalogs the questions name: "sample" (Shopify's three sample CSVs, <see cref="SampleCatalog"/>) and "demo" (the
/// sandbox's generated store as the app mirrors it, <see cref="DemoCatalog"/>), indexed as the assistant reads them.
/// </summary>
public sealed class EvalCatalogs(IReadOnlyDictionary<string, ShopifyData> data)
{
    private readonly IReadOnlyDictionary<string, CatalogIndex> byName = data.ToDictionary(d => d.Key, d => new CatalogIndex(d.Value));
    private readonly Dictionary<(string, bool), CatalogIndex> _hybrid = [];
    private SentenceEncoder? _fp32;

    public IReadOnlyDictionary<string, CatalogIndex> ByName => byName;

    public CatalogIndex this[string name] => byName.TryGetValue(name, out var index) ? index
        : throw new InvalidOperationException($"no catalog '{name}'; there are {string.Join(", ", byName.Keys)}");

    /// <summary>
    /// The index a question's catalog is searched with in a retrieval mode: lexical, the word index alone; hybrid, a second
    /// index of the same catalog with the product vectors the app builds in the background when a snapshot loads (built
    /// here before its first question).
    /// </summary>
    public CatalogIndex For(string name, string mode) => mode switch
    {
        "lexical" => this[name],
        "hybrid" => Hybrid(name, fp32: false),
        "hybrid-fp32" => Hybrid(name, fp32: true),
        _ => throw new ArgumentException($"retrieval mode '{mode}' is not known here", nameof(mode)),
    };

    /// <param name="fp32">The model as the package ships it, instead of the int8 copy the app runs (the reference for it).</param>
    private CatalogIndex Hybrid(string name, bool fp32)
    {
        if (_hybrid.TryGetValue((name, fp32), out var built)) return built;
        _ = this[name];
        var encoder = fp32 ? _fp32 ??= new SentenceEncoder(SentenceModelFiles.Read(SentenceModelFiles.DefaultPath), quantize: false)
            : SentenceEncoder.Shared(out var failure) ?? throw new InvalidOperationException("No sentence model: " + failure?.Message);
        var index = new CatalogIndex(data[name]);
        index.AttachSemantic(SemanticIndexBuilder.Build(index, encoder, new QueryVectors(encoder), null).Index);
        return _hybrid[(name, fp32)] = index;
    }

    public static async Task<EvalCatalogs> LoadAsync() => new(new Dictionary<string, ShopifyData>
    {
        ["sample"] = SampleCatalog.Load(),
        ["demo"] = await DemoCatalog.LoadAsync(),
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
