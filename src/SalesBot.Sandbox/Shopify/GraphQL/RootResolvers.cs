using GraphQL;
using GraphQL.Utilities;
using SalesBot.Sandbox.Shopify.Store;

namespace SalesBot.Sandbox.Shopify.GraphQL;

/// <summary>QueryRoot fields, the shop, webhook subscriptions and bulk operations.</summary>
internal static class RootResolvers
{
    public static void Map(SchemaBuilder b)
    {
        new ResolverMap<object>(b, "QueryRoot")
            .Field("shop", (_, c) => Store(c))
            .Field("products", (_, c) => Connection.Page(Store(c).Products.Values, p => p.Id, c))
            .Field("product", (_, c) => Find(Store(c).Products, c, "Product"))
            .Field("collections", (_, c) => Connection.Page(Store(c).Collections.Values, x => x.Id, c))
            .Field("collection", (_, c) => Find(Store(c).Collections, c, "Collection"))
            .Field("codeDiscountNodes", (_, c) => Connection.Page(Store(c).Discounts.Values, d => d.Id, c))
            .Field("codeDiscountNode", (_, c) => Find(Store(c).Discounts, c, "DiscountCodeNode"))
            .Field("inventoryItem", (_, c) => Find(Store(c).InventoryItems, c, "InventoryItem"))
            .Field("nodes", (_, c) => c.GetArgument<List<string>>("ids").Select(id => Node(Store(c), id)).ToList())
            .Field("productsCount", (_, c) => Count(Store(c).Products.Count, c))
            .Field("collectionsCount", (_, c) => Count(Store(c).Collections.Count, c))
            .Field("webhookSubscriptions", (_, c) =>
            {
                var topics = c.GetArgument<List<string>?>("topics");
                var subscriptions = Store(c).Webhooks.Values.Where(w => topics is null || topics.Contains(w.Topic));
                return Connection.Page(subscriptions, w => w.Id, c);
            })
            .Field("bulkOperation", (_, c) =>
                Gid.NumberOf(c.GetArgument<string>("id"), "BulkOperation") is { } id ? Store(c).BulkOperations.GetValueOrDefault(id) : null)
            .Field("currentBulkOperation", (_, c) =>
                c.GetArgument<string?>("type") is null or "QUERY" ? Store(c).BulkOperations.Values.MaxBy(o => o.Id) : null);

        new ResolverMap<ShopifyStore>(b, "Shop")
            .Field("id", s => Gid.For("Shop", 1)).Field("name", s => s.Name)
            .Field("description", s => $"{s.Name}, an emulated Shopify store.")
            .Field("myshopifyDomain", s => s.Domain).Field("url", s => $"https://{s.Domain}")
            .Field("currencyCode", s => s.CurrencyCode).Field("ianaTimezone", _ => "America/New_York")
            .Field("primaryDomain", s => new DomainView(1, $"https://{s.Domain}", s.Domain))
            .Field("currencyFormats", s => s)
            .Field("shopPolicies", s => StorePolicies.For(s.Name)
                .Select(p => new ShopPolicyView(p.Id, p.Type, p.Title, p.Body, $"https://{s.Domain}/policies/{p.Handle}")).ToList());
        new ResolverMap<ShopifyStore>(b, "CurrencyFormats")
            .Field("moneyFormat", _ => "${{amount}}").Field("moneyWithCurrencyFormat", s => $"${{{{amount}}}} {s.CurrencyCode}");
        new ResolverMap<DomainView>(b, "Domain").Field("id", d => Gid.For("Domain", d.Id)).Field("url", d => d.Url).Field("host", d => d.Host);
        new ResolverMap<ShopPolicyView>(b, "ShopPolicy")
            .Field("id", p => Gid.For("ShopPolicy", p.Id)).Field("type", p => p.Type).Field("title", p => p.Title)
            .Field("body", p => p.Body).Field("url", p => p.Url);
        new ResolverMap<CountView>(b, "Count").Field("count", c => c.Count);

        new ResolverMap<StoreWebhookSubscription>(b, "WebhookSubscription")
            .Field("id", w => w.Gid).Field("topic", w => w.Topic).Field("uri", w => w.Uri);

        new ResolverMap<StoreBulkOperation>(b, "BulkOperation")
            .Field("id", o => o.Gid).Field("status", o => o.Status).Field("errorCode", o => o.ErrorCode)
            .Field("objectCount", o => Scalars.UnsignedInt64(o.ObjectCount))
            .Field("rootObjectCount", o => Scalars.UnsignedInt64(o.RootObjectCount))
            .Field("fileSize", o => o.Result is null ? null : Scalars.UnsignedInt64(o.Result.Length))
            .Field("url", o => o.Url).Field("partialDataUrl", _ => null)
            .Field("createdAt", o => Scalars.DateTime(o.CreatedAt)).Field("completedAt", o => Scalars.DateTime(o.CompletedAt))
            .Field("query", o => o.Query).Field("type", _ => "QUERY");

        new ResolverMap<UserErrorView>(b, "UserError").Field("field", e => e.Field).Field("message", e => e.Message);
        new ResolverMap<UserErrorView>(b, "BulkOperationUserError")
            .Field("field", e => e.Field).Field("message", e => e.Message).Field("code", e => e.Code);
        new ResolverMap<Connection>(b, "PageInfo")
            .Field("hasNextPage", p => p.HasNextPage).Field("hasPreviousPage", p => p.HasPreviousPage)
            .Field("startCursor", p => p.Edges.FirstOrDefault()?.Cursor).Field("endCursor", p => p.Edges.LastOrDefault()?.Cursor);
    }

    /// <summary>Every <c>*Connection</c> and <c>*Edge</c> type shares the one <see cref="Connection"/> shape.</summary>
    public static void MapConnection(SchemaBuilder b, string connectionType)
    {
        new ResolverMap<Connection>(b, connectionType)
            .Field("pageInfo", c => c).Field("edges", c => c.Edges).Field("nodes", c => c.Edges.Select(e => e.Node).ToList());
        new ResolverMap<Edge>(b, connectionType[..^"Connection".Length] + "Edge").Field("node", e => e.Node).Field("cursor", e => e.Cursor);
    }

    private static ShopifyStore Store(IResolveFieldContext context) => AdminRequestContext.Of(context).Store;

    private static T? Find<T>(IDictionary<long, T> items, IResolveFieldContext context, string type) where T : class =>
        Gid.NumberOf(context.GetArgument<string>("id"), type) is { } id ? items.TryGetValue(id, out var item) ? item : null : null;

    private static CountView Count(int count, IResolveFieldContext context) =>
        new(context.GetArgument<int?>("limit") is { } limit ? Math.Min(limit, count) : count);

    /// <summary>Looks a gid up in the store; unknown or unsupported ids resolve to null, as Shopify's do.</summary>
    private static object? Node(ShopifyStore store, string gid)
    {
        if (!Gid.TryParse(gid, out var type, out var id)) return null;
        return type switch
        {
            "Product" => store.Products.GetValueOrDefault(id),
            "ProductVariant" => store.Variants.GetValueOrDefault(id),
            "InventoryItem" => store.InventoryItems.GetValueOrDefault(id),
            "Collection" => store.Collections.GetValueOrDefault(id),
            "DiscountCodeNode" => store.Discounts.GetValueOrDefault(id),
            "Location" => store.Locations.FirstOrDefault(l => l.Id == id),
            "WebhookSubscription" => store.Webhooks.GetValueOrDefault(id),
            "BulkOperation" => store.BulkOperations.GetValueOrDefault(id),
            _ => null,
        };
    }
}
