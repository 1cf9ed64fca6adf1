using System.Text.Json;
using SalesBot.Assistant;
using SalesBot.Sandbox.Shopify.Catalog;
using SalesBot.Sandbox.Shopify.Store;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Assistant;

/// <summary>
/// bench/AssistantEval/questions.jsonl cannot rot: every labelled handle exists in the catalog its question names, every
/// question is complete and unique, every category is covered on both catalogs, and the demo catalog the harness labels
/// against is the one sandbox mode serves, the same on every run.
/// </summary>
public sealed class EvaluationSetTests
{
    private static readonly string[] Grades = ["exact", "substitute", "complement", "irrelevant"];
    private static readonly string[] Categories = ["plain", "typo", "plural", "price", "audience", "occasion", "language", "multi-turn", "no-match"];
    private const int PerCategory = 20, PerCategoryAndCatalog = 5;

    private sealed record Question(string Id, string Catalog, string Category, int Turns, Dictionary<string, string> Labels);

    private static List<Question> Load() =>
    [
        .. File.ReadAllLines(Path.Combine(RepoPaths.Root, "bench", "AssistantEval", "questions.jsonl")).Where(l => l.Trim().Length > 0).Select(line =>
        {
            var q = JsonDocument.Parse(line).RootElement;
            return new Question(q.GetProperty("id").GetString()!, q.GetProperty("catalog").GetString()!, q.GetProperty("category").GetString()!,
                q.GetProperty("turns").GetArrayLength(), q.GetProperty("labels").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!));
        }),
    ];

    [SampleCatalogFact]
    public async Task Every_question_has_a_unique_id_a_category_turns_and_labels_naming_products_of_its_catalog()
    {
        var handles = new Dictionary<string, HashSet<string>>
        {
            ["sample"] = Handles(new CatalogIndex(SampleCatalog.Load())),
            ["demo"] = Handles(new CatalogIndex(await DemoCatalog.LoadAsync())),
        };
        var questions = Load();
        Assert.True(questions.Count >= 300, $"{questions.Count} questions");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var q in questions)
        {
            Assert.True(ids.Add(q.Id), $"duplicate id {q.Id}");
            Assert.Contains(q.Category, Categories);
            Assert.True(handles.ContainsKey(q.Catalog), $"{q.Id} names catalog '{q.Catalog}'");
            Assert.True(q.Turns > 0, $"{q.Id} has no turns");
            // A no-match question has no labels at all; an answerable one has something to show (a complement alone answers nothing).
            Assert.True(q.Labels.Count == 0 || q.Labels.ContainsValue("exact") || q.Labels.ContainsValue("substitute"), $"{q.Id} has only complements");
            foreach (var (handle, grade) in q.Labels)
            {
                Assert.True(handles[q.Catalog].Contains(handle), $"{q.Id} labels {handle}, which the {q.Catalog} catalog does not offer");
                Assert.Contains(grade, Grades);
            }
        }
    }

    [Fact]
    public void Every_category_has_enough_questions_on_each_catalog()
    {
        var questions = Load();
        foreach (var category in Categories)
        {
            Assert.True(questions.Count(q => q.Category == category) >= PerCategory, $"{category}: fewer than {PerCategory} questions");
            foreach (var catalog in new[] { "sample", "demo" })
                Assert.True(questions.Count(q => q.Category == category && q.Catalog == catalog) >= PerCategoryAndCatalog,
                    $"{category} on {catalog}: fewer than {PerCategoryAndCatalog} questions");
        }
        Assert.Contains(questions, q => q.Category == "multi-turn" && q.Turns > 1);
    }

    [Fact]
    public async Task The_demo_catalog_is_sandbox_modes_store_as_the_app_mirrors_it_and_the_same_every_time()
    {
        var first = new CatalogIndex(await DemoCatalog.LoadAsync());
        var second = new CatalogIndex(await DemoCatalog.LoadAsync());
        Assert.Equal(Facts(first), Facts(second));

        // What sandbox mode serves with nothing configured, generated directly: the offered products are the mirror's.
        Assert.Equal(40, DemoCatalog.Spec.Products);
        var store = new ShopifyStore(DemoCatalog.Shop, TimeProvider.System);
        CatalogGenerator.Populate(store, DemoCatalog.Spec);
        Assert.Equal(store.Products.Values.Where(p => p.IsOnOnlineStore).Select(p => p.Handle).Order(StringComparer.Ordinal),
            first.Products.Select(p => p.Product.Handle).Order(StringComparer.Ordinal));
    }

    private static HashSet<string> Handles(CatalogIndex index) => index.Products.Select(p => p.Product.Handle).ToHashSet(StringComparer.Ordinal);

    private static List<string> Facts(CatalogIndex index) =>
    [
        .. index.Products.Select(p => $"{p.Product.Handle} {p.Product.Title} {p.Product.ProductType} [{string.Join(",", p.Product.Tags)}] "
            + string.Join(",", p.Product.Variants.Nodes.Select(v => $"{v.Title}={v.Price}"))).Order(StringComparer.Ordinal),
    ];
}
