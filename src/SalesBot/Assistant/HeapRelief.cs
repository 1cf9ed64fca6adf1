using SalesBot.Assistant.Semantic;

namespace SalesBot.Assistant;

/// <summary>
/// Gives memory back after a step that leaves far more garbage than it keeps: a large snapshot's load (≈ 190 MB
/// committed beyond a 111 MB index at 50,000 products), a large embedding build, and quantizing the sentence model
/// (≈ 115 MB of parsed graph; 117 MB resident after loading with this, 347 MB without, measured on the model alone). The
/// GC keeps freed regions committed for later allocations, so without this the next step (loading the model, the next
/// snapshot) peaks on top of them; one aggressive, compacting collection returns them at once, and the C heap's free
/// pages with them. Its pause (≈ 0.1–0.2 s at 50,000 products) comes after seconds of loading, embedding or quantizing,
/// so small loads skip it.
/// </summary>
internal static class HeapRelief
{
    /// <summary>Catalogs from this many products on: below, a load leaves too little garbage to be worth the pause.</summary>
    public const int LargeCatalog = 5_000;

    public static void Now()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        NativeHeap.Trim();
    }
}
