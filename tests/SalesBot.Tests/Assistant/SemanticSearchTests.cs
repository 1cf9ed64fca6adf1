using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SalesBot.Assistant;
using SalesBot.Assistant.Semantic;
using SalesBot.Catalog;
using SalesBot.Configuration;
using SalesBot.Snapshots;

namespace SalesBot.Tests.Assistant;

/// <summary>
/// Semantic retrieval with the model the app ships (all-MiniLM-L6-v2 read from the package's assembly in the test's output
/// folder, offline, on CPU), fused with the lexical index; built in the background when a snapshot loads.
/// </summary>
public sealed class SemanticSearchTests : IDisposable
{
    private const string Shop = "warm-things.myshopify.com";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "salesbot-semantic-" + Guid.NewGuid().ToString("N"));

    private static SentenceEncoder Encoder => SentenceEncoder.Shared(out var failure) ?? throw new InvalidOperationException(failure?.Message);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    /// <summary>A small shop where nothing says "warm" or "winter": the hoodie must be found by meaning.</summary>
    private static ShopifyData WarmShop(string mugTitle = "Ceramic Coffee Mug") => CatalogBuilder.Catalog(
        CatalogBuilder.DollarShop(Shop, "Warm Things", "warm.example"),
        [
            Product(1, "Fleece Hoodie", "fleece-hoodie", "Hoodie", ["fleece", "cozy"], 45m),
            Product(2, mugTitle, "coffee-mug", "Mug", ["kitchen"], 12m),
            Product(3, "Silver Ring", "silver-ring", "Ring", ["jewelry"], 30m),
            Product(4, "Linen Tablecloth", "linen-tablecloth", "Tablecloth", ["dining"], 25m),
            Product(5, "Scented Candle", "scented-candle", "Candle", ["vanilla"], 18m),
        ]);

    private static Product Product(int id, string title, string handle, string type, string[] tags, decimal price) =>
        CatalogBuilder.Product($"gid://shopify/Product/{id}", title, handle,
            [CatalogBuilder.Variant($"gid://shopify/ProductVariant/{id}00", "Default Title", price, [new SelectedOption("Title", "Default Title")], available: true, quantity: 3)],
            productType: type, tags: tags, onlineStoreUrl: $"https://warm.example/products/{handle}", totalInventory: 3,
            options: [new ProductOption("o1", "Title", 1, ["Default Title"])]);

    private static CatalogIndex WithVectors(ShopifyData data)
    {
        var index = new CatalogIndex(data);
        index.AttachSemantic(SemanticIndexBuilder.Build(index, Encoder, new QueryVectors(Encoder), null).Index);
        return index;
    }

    private static AssistantReply Ask(CatalogIndex catalog, string text) =>
        CatalogOnlyAssistant.Reply(new AssistantRequest(catalog, text, null, [], MayPromote: true));

    private static float Cosine(float[] a, float[] b) => a.Zip(b, (x, y) => x * y).Sum();

    [Fact]
    public void The_shipped_model_loads_offline_and_ranks_a_related_text_above_an_unrelated_one()
    {
        var files = SentenceModelFiles.Read(SentenceModelFiles.DefaultPath);
        Assert.True(files.ModelLength > 80_000_000, $"model.onnx is {files.ModelLength} bytes");
        Assert.StartsWith("[PAD]", System.Text.Encoding.UTF8.GetString(files.Vocabulary));

        var v = Encoder.Encode(["a warm jacket for cold weather", "a winter coat", "a silver ring"]);
        Assert.All(v, x => Assert.Equal(384, x.Length));
        Assert.All(v, x => Assert.Equal(1.0, Math.Sqrt(x.Sum(d => d * d)), 3));
        Assert.True(Cosine(v[0], v[1]) > Cosine(v[0], v[2]) + 0.2, $"coat {Cosine(v[0], v[1]):F3}, ring {Cosine(v[0], v[2]):F3}");
    }

    [Fact]
    public void Int8_vectors_keep_the_cosine_of_the_floats()
    {
        var v = Encoder.Encode(["fleece hoodie", "something warm for winter", "car tires"]);
        var vectors = new QuantizedVectors(3, 384);
        for (var i = 0; i < 3; i++) vectors.Set(i, v[i]);
        var query = new sbyte[384];
        var scale = QuantizedVectors.Quantize(v[1], query);

        Assert.Equal(388, vectors.Bytes / 3);
        for (var i = 0; i < 3; i++) Assert.InRange(vectors.Similarity(i, query, scale) - Cosine(v[i], v[1]), -0.01f, 0.01f);
    }

    [Fact]
    public void Hybrid_finds_the_warm_thing_where_no_word_matches()
    {
        var lexical = new CatalogIndex(WarmShop());
        var hybrid = WithVectors(WarmShop());

        Assert.Empty(lexical.Search(new ProductQuery("something warm for winter"), 5));
        var reply = Ask(hybrid, "something warm for winter");
        Assert.Equal("Fleece Hoodie", reply.Cards[0].Title);
        Assert.DoesNotContain(Phrases.For("en").NotFound, reply.Text);
    }

    [Theory]
    [InlineData("car tires")]
    [InlineData("a laptop")]
    public void Hybrid_still_says_not_found_for_what_the_shop_does_not_sell(string question)
    {
        var hybrid = WithVectors(WarmShop());

        Assert.Empty(hybrid.Search(new ProductQuery(question), 5));
        Assert.StartsWith(Phrases.For("en").NotFound, Ask(hybrid, question).Text);
    }

    [Fact]
    public void Price_caps_still_apply_to_semantic_candidates()
    {
        var hybrid = WithVectors(WarmShop());

        Assert.Contains(hybrid.Search(new ProductQuery("something warm for winter"), 5), m => m.Item.Product.Title == "Fleece Hoodie");
        Assert.DoesNotContain(hybrid.Search(new ProductQuery("something warm for winter", MaxPrice: 40m), 5), m => m.Item.Product.Title == "Fleece Hoodie");
    }

    [Fact]
    public void When_the_cap_leaves_none_of_the_products_the_words_found_meaning_does_not_stand_in_for_them()
    {
        // A cheaper knit beside the hoodie: near "hoodie" in meaning, but not what the shopper named.
        var data = WarmShop();
        data = data with { Data = data.Data with { Products = new([.. data.Data.Products.Nodes,
            Product(6, "Wool Sweater", "wool-sweater", "Sweater", ["knit"], 28m)]) } };
        var hybrid = WithVectors(data);
        var lexical = new CatalogIndex(data);
        Assert.DoesNotContain(lexical.Search(new ProductQuery("hoodie"), 5), m => m.Item.Product.Title == "Wool Sweater");
        Assert.Contains(hybrid.Search(new ProductQuery("hoodie"), 5), m => m.Item.Product.Title == "Wool Sweater");

        Assert.Empty(hybrid.Search(new ProductQuery("hoodie", MaxPrice: 30m), 5));
        Assert.StartsWith(Phrases.For("en").NotFound, Ask(hybrid, "hoodie under $30").Text);
        // A word match the cap keeps still has meaning's additions beside it.
        var capped = hybrid.Search(new ProductQuery("hoodie", MaxPrice: 50m), 5).Select(m => m.Item.Product.Title).ToList();
        Assert.Equal("Fleece Hoodie", capped[0]);
        Assert.Contains("Wool Sweater", capped);
    }

    [SampleCatalogFact]
    public void A_sold_out_best_match_is_still_shown_first_with_hybrid_ranking()
    {
        var reply = Ask(WithVectors(SampleCatalog.Load()), "pink armchair");

        Assert.Contains(reply.Cards, c => c.Title == "Pink Armchair" && !c.InStock);
        Assert.Equal("That one is sold out right now, but these are available:", reply.Text);
    }

    [Fact]
    public async Task A_second_snapshot_with_one_changed_product_embeds_exactly_that_product()
    {
        var store = new LocalFolderSnapshotStore(_root);
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
        var notifier = new SnapshotNotifier();
        using var semantic = new SemanticSearch(() => Encoder, NullLogger<SemanticSearch>.Instance);
        using var provider = new CatalogProvider(store, time, NullLogger<CatalogProvider>.Instance, notifier, semantic);

        await Publish(store, WarmShop(), "h1");
        var first = await provider.GetAsync(Shop, default);
        await semantic.WhenReadyAsync(Shop);
        Assert.NotNull(first!.Semantic);
        Assert.Equal(5, semantic.LastBuild(Shop)!.Embedded);

        await Publish(store, WarmShop(mugTitle: "Stoneware Tea Mug"), "h2");
        time.Advance(CatalogProvider.CheckInterval);
        var second = await provider.GetAsync(Shop, default);
        await semantic.WhenReadyAsync(Shop);

        Assert.NotSame(first, second);
        Assert.Equal(1, semantic.LastBuild(Shop)!.Embedded);
        Assert.Equal(4, semantic.LastBuild(Shop)!.Reused);
        Assert.Equal("Fleece Hoodie", Ask(second!, "something warm for winter").Cards[0].Title);
    }

    [Fact]
    public async Task A_search_before_the_vectors_are_ready_answers_by_words_without_waiting()
    {
        using var gate = new ManualResetEventSlim(false);
        var slow = new BlockingEncoder(Encoder, gate);
        using var semantic = new SemanticSearch(() => slow, NullLogger<SemanticSearch>.Instance);
        var index = new CatalogIndex(WarmShop());

        semantic.Prepare(Shop, index);
        var started = DateTime.UtcNow;
        var before = Ask(index, "something warm for winter");
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(2));
        Assert.StartsWith(Phrases.For("en").NotFound, before.Text);
        Assert.Null(index.Semantic);

        gate.Set();
        await semantic.WhenReadyAsync(Shop);
        Assert.Equal("Fleece Hoodie", Ask(index, "something warm for winter").Cards[0].Title);
    }

    [Fact]
    public async Task Off_keeps_the_lexical_ranking()
    {
        using var semantic = new SemanticSearch(new SemanticSearchOptions(Enabled: false), NullLogger<SemanticSearch>.Instance);
        var index = new CatalogIndex(WarmShop());

        semantic.Prepare(Shop, index);
        await semantic.WhenReadyAsync(Shop);

        Assert.Null(index.Semantic);
        Assert.Empty(index.Search(new ProductQuery("something warm for winter"), 5));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("on", true)]
    [InlineData("OFF", false)]
    public void The_setting_is_on_by_default_and_off_when_asked(string? value, bool enabled)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(SemanticSearchOptions.Variable, value)]).Build();

        Assert.Equal(enabled, SemanticSearchOptions.From(configuration).Enabled);
    }

    [Fact]
    public void A_bad_setting_names_the_variable_and_what_it_may_be()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(SemanticSearchOptions.Variable, "maybe")]).Build();

        var error = Assert.Throws<ConfigurationError>(() => SemanticSearchOptions.From(configuration));
        Assert.Equal("SALESBOT_SEMANTIC_SEARCH is 'maybe'; allowed: on (rank by meaning and words) or off (words only).", error.Message);
    }

    [Fact]
    public void Missing_model_files_fail_with_the_path()
    {
        var missing = Path.Combine(_root, "models", SentenceModelFiles.AssemblyFile);

        var error = Assert.Throws<FileNotFoundException>(() => SentenceModelFiles.Read(missing));
        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void Query_vectors_are_cached_and_bounded()
    {
        var counting = new BlockingEncoder(Encoder, null);
        var queries = new QueryVectors(counting, capacity: 2);

        queries.Of("hoodie");
        queries.Of("Hoodie!");
        Assert.Equal(1, counting.Texts);
        queries.Of("mug");
        queries.Of("ring");
        Assert.True(queries.Count <= 2);
        Assert.Equal(3, counting.Texts);
    }

    private static Task Publish(ISnapshotStore store, ShopifyData data, string hash) =>
        store.PutAsync(Shop, JsonSerializer.SerializeToUtf8Bytes(data, CatalogJson.Default.ShopifyData), hash, default);

    /// <summary>The real encoder behind a gate (the background build waits for the test), counting the texts it encodes.</summary>
    private sealed class BlockingEncoder(ISentenceEncoder inner, ManualResetEventSlim? gate) : ISentenceEncoder
    {
        public int Texts;
        public int Dimensions => inner.Dimensions;

        public float[][] Encode(IReadOnlyList<string> texts)
        {
            gate?.Wait(TimeSpan.FromSeconds(30));
            Interlocked.Add(ref Texts, texts.Count);
            return inner.Encode(texts);
        }
    }
}
