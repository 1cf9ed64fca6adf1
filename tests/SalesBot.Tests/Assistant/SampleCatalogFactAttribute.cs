namespace SalesBot.Tests.Assistant;

/// <summary>A fact that is skipped, with the reason, when the sample catalogs are not on this machine.</summary>
public sealed class SampleCatalogFactAttribute : FactAttribute
{
    public SampleCatalogFactAttribute() => Skip = SampleCatalog.SkipReason;
}

public sealed class SampleCatalogTheoryAttribute : TheoryAttribute
{
    public SampleCatalogTheoryAttribute() => Skip = SampleCatalog.SkipReason;
}
