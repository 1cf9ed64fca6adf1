namespace SalesBot.Tests.Support;

/// <summary>A fact that needs Shopify's real Admin schema from ../shared; skipped, with the reason, when it is absent.</summary>
public sealed class RealSchemaFactAttribute : FactAttribute
{
    public RealSchemaFactAttribute() => Skip = RepoPaths.MissingShared(RepoPaths.RealShopifySchema);
}
