using System.Text.RegularExpressions;
using GraphQL.Types;
using SalesBot.Sandbox.Shopify.Store;

namespace SalesBot.Sandbox.Shopify.GraphQL;

/// <summary>
/// The sandbox's Admin GraphQL schema: the embedded subset of Shopify's SDL wired to resolvers.
/// Built once per process; it holds no shop state (that travels in <see cref="AdminRequestContext"/>).
/// </summary>
internal static partial class AdminSchema
{
    public const string ResourceName = "SalesBot.Sandbox.Shopify.Schema.admin-2026-01.subset.graphql";

    private static readonly Lazy<ISchema> Built = new(Build);

    public static ISchema Instance => Built.Value;

    public static string Sdl()
    {
        using var stream = typeof(AdminSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded schema {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static readonly Dictionary<string, Func<object, bool>> TypeChecks = new(DiscountResolvers.TypeChecks)
    {
        ["Shop"] = o => o is ShopifyStore,
        ["Product"] = o => o is StoreProduct,
        ["ProductVariant"] = o => o is StoreVariant,
        ["InventoryItem"] = o => o is StoreInventoryItem,
        ["InventoryLevel"] = o => o is StoreInventoryLevel,
        ["Location"] = o => o is StoreLocation,
        ["MediaImage"] = o => o is StoreMedia,
        ["Collection"] = o => o is StoreCollection,
        ["DiscountCodeNode"] = o => o is StoreDiscount,
        ["WebhookSubscription"] = o => o is StoreWebhookSubscription,
        ["BulkOperation"] = o => o is StoreBulkOperation,
        ["ProductOption"] = o => o is StoreProductOption,
        ["Domain"] = o => o is DomainView,
        ["ShopPolicy"] = o => o is ShopPolicyView,
    };

    private static ISchema Build()
    {
        var sdl = Sdl();
        var schema = Schema.For(sdl, b =>
        {
            // Abstract types (Node, Media, the discount unions) pick their member by C# shape.
            b.Types.ForAll(t => t.IsTypeOfFunc = TypeChecks.TryGetValue(t.Name, out var check) ? check : _ => true);
            CatalogResolvers.Map(b);
            DiscountResolvers.Map(b);
            RootResolvers.Map(b);
            MutationResolvers.Map(b);
            foreach (Match m in ConnectionType().Matches(sdl)) RootResolvers.MapConnection(b, m.Groups[1].Value);
        });
        // Shopify prints these as strings; GraphQL.NET insists on a registered type for every scalar.
        foreach (Match m in ScalarDefinition().Matches(sdl)) schema.RegisterType(new StringGraphType { Name = m.Groups[1].Value });
        schema.Initialize();
        return schema;
    }

    [GeneratedRegex(@"^type (\w+Connection) ", RegexOptions.Multiline)]
    private static partial Regex ConnectionType();

    [GeneratedRegex(@"^scalar (\w+)", RegexOptions.Multiline)]
    private static partial Regex ScalarDefinition();
}
