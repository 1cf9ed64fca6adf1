using GraphQL;
using SalesBot.Sandbox.Shopify.Store;

namespace SalesBot.Sandbox.Shopify.GraphQL;

/// <summary>What resolvers need besides their source object; GraphQL.NET wants a dictionary as user context.</summary>
internal sealed class AdminRequestContext(ShopifyStore store, ShopifySandbox sandbox, bool bulk, string baseUri) : Dictionary<string, object?>
{
    public ShopifyStore Store { get; } = store;
    public ShopifySandbox Sandbox { get; } = sandbox;
    /// <summary>Bulk operations ignore <c>first</c> and return every node, as Shopify's do.</summary>
    public bool Bulk { get; } = bulk;
    /// <summary>Sandbox base address ending in a slash, for URLs handed out in answers.</summary>
    public string BaseUri { get; } = baseUri;
    /// <summary>Background work the mutation asked for, started once execution released the store gate.</summary>
    public List<Func<Task>> AfterExecution { get; } = [];

    public static AdminRequestContext Of(IResolveFieldContext context) => (AdminRequestContext)context.UserContext;
}
