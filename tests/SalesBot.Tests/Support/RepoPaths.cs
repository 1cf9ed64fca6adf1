namespace SalesBot.Tests.Support;

/// <summary>Finds the repository and the shared folder that sits beside it (../shared).</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string RealShopifySchema => Path.Combine(Shared, "shopify", "admin-2026-01.schema.graphql");

    public static string SampleProducts => Path.Combine(Shared, "data", "shopify-sample-products");

    public static string AdminDocuments => Path.Combine(Root, "src", "SalesBot", "Shopify", "Admin", "Documents");

    /// <summary>Null when the file exists, else the reason a test skips.</summary>
    public static string? MissingShared(string path) =>
        File.Exists(path) || Directory.Exists(path) ? null : $"{path} is absent: ../shared is not beside this clone, so this check cannot run.";

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SalesBot.slnx"))) return dir.FullName;
        throw new InvalidOperationException("SalesBot.slnx not found above " + AppContext.BaseDirectory);
    }
}
