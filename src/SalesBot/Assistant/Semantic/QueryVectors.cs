using System.Collections.Concurrent;

namespace SalesBot.Assistant.Semantic;

/// <summary>
/// Shoppers repeat themselves ("hoodie", "gift for mom"): the vectors of recent query texts, so a repeated question skips
/// the model. Bounded: past <see cref="Capacity"/> entries the cache starts over, which costs one encoding per query.
/// </summary>
public sealed class QueryVectors(ISentenceEncoder encoder, int capacity = QueryVectors.DefaultCapacity)
{
    public const int DefaultCapacity = 2048;

    private readonly ConcurrentDictionary<string, QueryVector> _cache = new(StringComparer.Ordinal);

    public int Capacity => capacity;
    public int Count => _cache.Count;

    public QueryVector Of(string text)
    {
        var key = Tokenizer.Normalize(text);
        if (_cache.TryGetValue(key, out var cached)) return cached;
        var vector = encoder.Encode([key])[0];
        var values = new sbyte[vector.Length];
        var scale = QuantizedVectors.Quantize(vector, values);
        var made = new QueryVector(values, scale);
        if (_cache.Count >= capacity) _cache.Clear();
        _cache[key] = made;
        return made;
    }
}

/// <summary>A query's unit vector, quantized like the products'.</summary>
public sealed record QueryVector(sbyte[] Values, float Scale);
