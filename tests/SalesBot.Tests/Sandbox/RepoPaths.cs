namespace SalesBot.Tests.Sandbox;

/// <summary>Paths relative to the repository (the folder holding SalesBot.slnx), found from the test binaries.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));
    public static string ShopifySchema => Path.Combine(Shared, "shopify", "admin-2026-01.schema.graphql");
    public static string SampleProducts => Path.Combine(Shared, "data", "shopify-sample-products");
    public static string AdminDocuments => Path.Combine(Root, "src", "SalesBot", "Shopify", "Admin", "Documents");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SalesBot.slnx"))) return dir.FullName;
        throw new InvalidOperationException("SalesBot.slnx not found above " + AppContext.BaseDirectory);
    }
}
