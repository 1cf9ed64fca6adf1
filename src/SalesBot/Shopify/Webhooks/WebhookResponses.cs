using System.Text.Json.Serialization;
using SalesBot.Catalog;
using SalesBot.Shopify.Admin;
namespace SalesBot.Shopify.Webhooks;

// The `data` of the webhook subscription documents (Shopify/Admin/Documents/WebhookSubscription*.graphql).

public sealed record WebhookSubscriptionNode(string Id, string Topic, string Uri);

public sealed record WebhookSubscriptionsData(Connection<WebhookSubscriptionNode> WebhookSubscriptions);

public sealed record WebhookSubscriptionPayload(WebhookSubscriptionNode? WebhookSubscription, IReadOnlyList<UserError>? UserErrors);

public sealed record WebhookSubscriptionCreateData(WebhookSubscriptionPayload? WebhookSubscriptionCreate);

public sealed record WebhookSubscriptionUpdateData(WebhookSubscriptionPayload? WebhookSubscriptionUpdate);

public sealed record WebhookSubscriptionDeletePayload(string? DeletedWebhookSubscriptionId, IReadOnlyList<UserError>? UserErrors);

public sealed record WebhookSubscriptionDeleteData(WebhookSubscriptionDeletePayload? WebhookSubscriptionDelete);

public sealed record PingData(PingShop Shop);

public sealed record PingShop(string Id, string Name);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(WebhookSubscriptionsData))]
[JsonSerializable(typeof(WebhookSubscriptionCreateData))]
[JsonSerializable(typeof(WebhookSubscriptionUpdateData))]
[JsonSerializable(typeof(WebhookSubscriptionDeleteData))]
[JsonSerializable(typeof(PingData))]
public sealed partial class WebhookJson : JsonSerializerContext;
