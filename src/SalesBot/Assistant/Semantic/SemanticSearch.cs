using System.Collections.Concurrent;
using System.Diagnostics;
using SalesBot.Configuration;

namespace SalesBot.Assistant.Semantic;

/// <summary>
/// Gives each loaded <see cref="CatalogIndex"/> its product vectors, in the background: <see cref="CatalogProvider"/> calls
/// <see cref="Prepare"/> when a snapshot loads, turns keep the lexical ranking until the vectors are attached. One build at
/// a time in the process (one core), the shop's previous index lending the vectors of unchanged products. When the model
/// cannot be loaded, one log line says so and every search stays lexical.
/// </summary>
public sealed class SemanticSearch : IDisposable
{
    // Process-wide: tests and benches start many apps, and two builds at once would take both cores.
    private static readonly SemaphoreSlim BuildGate = new(1, 1);

    /// <summary>After embedding this many texts the build's garbage is given back at once (<see cref="HeapRelief"/>).</summary>
    private const int LargeBuild = 1000;

    private Func<ISentenceEncoder?> _encoder;
    private readonly ILogger<SemanticSearch> _logger;
    private readonly ConcurrentDictionary<string, ShopState> _shops = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _queriesGate = new();
    private QueryVectors? _queries;
    private int _loggedFailure;

    public SemanticSearch(SemanticSearchOptions options, ILogger<SemanticSearch> logger)
        : this(() => null, logger)
    {
        Enabled = options.Enabled;
        _encoder = SharedEncoder;
    }

    /// <summary>With a given encoder (tests); null from <paramref name="encoder"/> means lexical only.</summary>
    public SemanticSearch(Func<ISentenceEncoder?> encoder, ILogger<SemanticSearch> logger)
    {
        _encoder = encoder;
        _logger = logger;
        Enabled = true;
    }

    public bool Enabled { get; }

    /// <summary>The process's encoder; the first time it cannot be loaded, one line says why.</summary>
    private SentenceEncoder? SharedEncoder()
    {
        var encoder = SentenceEncoder.Shared(out var failure);
        if (encoder is null && Interlocked.Exchange(ref _loggedFailure, 1) == 0)
            _logger.LogWarning("Semantic search is off: the sentence model could not be loaded ({Reason}); searching by words only",
                failure?.Message);
        return encoder;
    }

    /// <summary>Starts giving <paramref name="index"/> its vectors; returns at once.</summary>
    public void Prepare(string shop, CatalogIndex index)
    {
        if (!Enabled) return;
        var state = _shops.GetOrAdd(shop, _ => new ShopState());
        var stop = new CancellationTokenSource();
        lock (state)
        {
            state.Stop?.Cancel();
            state.Stop = stop;
            state.Build = Task.Run(() => BuildAsync(shop, index, state, stop.Token));
        }
    }

    /// <summary>Completes when the shop's latest build has ended (attached, failed or superseded); for tests and benches.</summary>
    public Task WhenReadyAsync(string shop) => _shops.TryGetValue(shop, out var state) ? state.Build ?? Task.CompletedTask : Task.CompletedTask;

    /// <summary>The shop's last finished build, for tests and logs.</summary>
    public SemanticBuild? LastBuild(string shop) => _shops.TryGetValue(shop, out var state) ? state.Last : null;

    public void Forget(string shop)
    {
        if (!_shops.TryRemove(shop, out var state)) return;
        lock (state) state.Stop?.Cancel();
    }

    private async Task BuildAsync(string shop, CatalogIndex index, ShopState state, CancellationToken cancellationToken)
    {
        try
        {
            await BuildGate.WaitAsync(cancellationToken);
            try
            {
                if (_encoder() is not { } encoder) return;
                var started = Stopwatch.GetTimestamp();
                var built = SemanticIndexBuilder.Build(index, encoder, Queries(encoder), state.Last?.Index, cancellationToken);
                index.AttachSemantic(built.Index);
                state.Last = built;
                if (built.Embedded >= LargeBuild) HeapRelief.Now();
                else NativeHeap.Trim();
                _logger.LogInformation("Semantic search ready for {Shop}: {Embedded} products embedded, {Reused} reused, {Bytes} bytes, {Ms} ms",
                    shop, built.Embedded, built.Reused, built.Index.Bytes, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            finally
            {
                BuildGate.Release();
            }
        }
        catch (OperationCanceledException)
        {
            // A newer snapshot (or an uninstall) superseded this one.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The shop keeps its lexical ranking; the next snapshot tries again.
            _logger.LogError(e, "Semantic search could not embed the catalog of {Shop}; searching by words only", shop);
        }
    }

    private QueryVectors Queries(ISentenceEncoder encoder)
    {
        lock (_queriesGate) return _queries ??= new QueryVectors(encoder);
    }

    public void Dispose()
    {
        foreach (var state in _shops.Values)
            lock (state) state.Stop?.Cancel();
    }

    private sealed class ShopState
    {
        public CancellationTokenSource? Stop;
        public Task? Build;
        public volatile SemanticBuild? Last;
    }
}
