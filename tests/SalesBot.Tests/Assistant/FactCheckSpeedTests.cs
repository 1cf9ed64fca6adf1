using SalesBot.Assistant;

namespace SalesBot.Tests.Assistant;

/// <summary>
/// The fact check's faster paths give the verdicts of the plain ones they replaced: name matching in one walk (title
/// matches read off the matches) against the two-walk reference, and the per-catalog page set against a fresh build.
/// </summary>
public sealed class FactCheckSpeedTests
{
    private static readonly Lazy<CatalogIndex> Synthetic = new(() => new CatalogIndex(SyntheticCatalog.Create(3000)));

    [Fact]
    public void Names_match_as_the_two_walk_reference_does()
    {
        var catalog = Synthetic.Value;
        var vocabulary = catalog.Vocabulary;
        var names = new List<string>();
        foreach (var item in catalog.Products.Take(300))
        {
            var title = item.Product.Title;
            var words = title.Split(' ');
            names.Add(title);                                  // exact: one product by title
            names.Add(string.Join(' ', words[..^1]));          // without its number: many, often over the cap
            names.Add(string.Join(' ', words[1..^1]));         // shortened
            names.Add(words[1] + " " + words[3] + " Xl");      // an option value: matches by all naming only
            names.Add(words[0] + " " + words[1][..^1] + "x " + words[3]); // a typo
            names.Add(words[0] + " " + words[1] + " Hoodie");  // invented
        }
        var checkedMentions = 0;
        foreach (var name in names)
        {
            foreach (var mention in ProductNames.In("Have a look at the " + name + " today.", vocabulary))
            {
                checkedMentions++;
                var terms = Tokenizer.Terms(mention.Phrase).ToList();
                var expectedMatches = Reference(terms, vocabulary, p => vocabulary.TermsOf(p).All);
                var byTitle = Reference(terms, vocabulary, p => vocabulary.TermsOf(p).Title);
                Assert.Equal(expectedMatches, mention.Matches);
                Assert.Equal(byTitle.Count == 1 ? byTitle[0] : null, mention.Exact);
            }
        }
        Assert.True(checkedMentions > 1000, $"only {checkedMentions} mentions were compared");
    }

    /// <summary>The matching as it was: LINQ over the rarest word's products, each naming walked on its own.</summary>
    private static List<IndexedProduct> Reference(List<string> terms, CatalogVocabulary vocabulary, Func<IndexedProduct, string[]> naming)
    {
        var rarest = terms.Where(vocabulary.IsProductWord).MinBy(t => vocabulary.ProductsWith(t).Count)!;
        return vocabulary.ProductsWith(rarest)
            .Where(p => terms.All(t => naming(p).Contains(t) || naming(p).Any(k => ProductNames.Similar(t, k))))
            .Take(20).ToList();
    }

    [Fact]
    public void Links_are_checked_against_the_catalogs_pages_each_time()
    {
        var catalog = Synthetic.Value;
        var built = CatalogPages.Build(catalog);
        Assert.Equal(catalog.Products.Count(p => p.Product.OnlineStoreUrl is not null) + 1, built.Count);
        var page = catalog.Products[42].Product.OnlineStoreUrl!;
        foreach (var url in new[] { page, page.ToUpperInvariant(), page + "-x", "https://bench.example/cart/1:1", PolicyAnswers.AccountUrl(catalog.Shop) })
            for (var round = 0; round < 2; round++)
                Assert.Equal(built.Contains(url), CatalogPages.IsKnown(catalog, url));

        var turn = new TurnFacts([], new HashSet<decimal>(), []);
        Assert.Equal($"See {page} for sizes.", FactChecker.Check($"See {page} for sizes.", catalog, turn).Text);
        var madeUp = FactChecker.Check("See https://bench.example/products/made-up for sizes.", catalog, turn);
        Assert.Equal("", madeUp.Text);
        Assert.Contains(madeUp.Corrections, c => c.Contains("is not one the catalog gives"));
        // Another catalog gets its own pages, not the first one's.
        var other = new CatalogIndex(SyntheticCatalog.Create(10, seed: 7));
        var elsewhere = FactChecker.Check($"See {page} for sizes.", other, turn);
        Assert.Equal("", elsewhere.Text);
        Assert.Contains(elsewhere.Corrections, c => c.Contains("is not one the catalog gives"));
    }
}
