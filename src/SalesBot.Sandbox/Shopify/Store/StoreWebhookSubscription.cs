namespace SalesBot.Sandbox.Shopify.Store;

/// <summary>A webhook subscription; <see cref="Topic"/> is the GraphQL enum name (PRODUCTS_UPDATE).</summary>
public sealed class StoreWebhookSubscription
{
    public required long Id { get; init; }
    public required string Topic { get; init; }
    public required string Uri { get; set; }

    public string Gid => Store.Gid.For("WebhookSubscription", Id);

    /// <summary>PRODUCTS_UPDATE → products/update, as the X-Shopify-Topic header spells it.</summary>
    public static string HeaderTopic(string enumTopic)
    {
        var cut = enumTopic.LastIndexOf('_');
        return cut < 0 ? enumTopic.ToLowerInvariant() : $"{enumTopic[..cut]}/{enumTopic[(cut + 1)..]}".ToLowerInvariant();
    }

    public static string EnumTopic(string headerTopic) => headerTopic.Replace('/', '_').ToUpperInvariant();
}
