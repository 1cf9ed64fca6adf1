namespace SalesBot.Assistant.Semantic;

/// <summary>Turns short texts into L2-normalised sentence vectors (cosine similarity is their dot product).</summary>
public interface ISentenceEncoder
{
    int Dimensions { get; }

    /// <summary>One vector per text, in order; texts are truncated to the encoder's sequence length.</summary>
    float[][] Encode(IReadOnlyList<string> texts);
}
