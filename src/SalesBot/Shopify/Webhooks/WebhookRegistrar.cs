using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SalesBot.Configuration;
using SalesBot.Shopify.Admin;

namespace SalesBot.Shopify.Webhooks;

/// <summary>
/// Makes the shop's subscriptions exactly one per topic at the app's webhook address: list first,
/// then create what is missing, update what points elsewhere, delete duplicates. Safe to run on every install.
/// </summary>
public sealed class WebhookRegistrar(IOptions<ShopifyOptions> shopify, IOptions<AppOptions> app, WebhookHealthLog health)
{
    private static readonly WebhookJson Json = WebhookJson.Default;

    public string Address => shopify.Value.WebhookAddress is { Length: > 0 } configured
        ? configured
        : $"{app.Value.BaseUrlTrimmed}/shopify/webhook";

    public async Task<RegistrationSummary> RegisterAsync(ShopifyAdminClient client, CancellationToken cancellationToken)
    {
        var existing = await ListAsync(client, cancellationToken);
        var summary = new RegistrationSummary();
        var held = new List<(string Topic, string Address, string? Id)>();
        foreach (var topic in WebhookTopics.Subscribed)
        {
            var mine = existing.Where(s => WebhookTopics.FromGraphQl(s.Topic) == topic).ToList();
            var keep = mine.FirstOrDefault(s => s.Uri == Address) ?? mine.FirstOrDefault();
            if (keep is null)
            {
                var created = await client.QueryAsync("WebhookSubscriptionCreate",
                    new JsonObject { ["topic"] = WebhookTopics.ToGraphQl(topic), ["uri"] = Address }, Json.WebhookSubscriptionCreateData, cancellationToken);
                ThrowOnUserErrors(topic, created.WebhookSubscriptionCreate?.UserErrors);
                summary.Created.Add(topic);
                held.Add((topic, Address, created.WebhookSubscriptionCreate?.WebhookSubscription?.Id));
            }
            else if (keep.Uri != Address)
            {
                var updated = await client.QueryAsync("WebhookSubscriptionUpdate",
                    new JsonObject { ["id"] = keep.Id, ["uri"] = Address }, Json.WebhookSubscriptionUpdateData, cancellationToken);
                ThrowOnUserErrors(topic, updated.WebhookSubscriptionUpdate?.UserErrors);
                summary.Updated.Add(topic);
                held.Add((topic, Address, keep.Id));
            }
            else
            {
                summary.Unchanged.Add(topic);
                held.Add((topic, Address, keep.Id));
            }

            foreach (var duplicate in mine.Where(s => s != keep))
            {
                var deleted = await client.QueryAsync("WebhookSubscriptionDelete", new JsonObject { ["id"] = duplicate.Id },
                    Json.WebhookSubscriptionDeleteData, cancellationToken);
                ThrowOnUserErrors(topic, deleted.WebhookSubscriptionDelete?.UserErrors);
                summary.DeletedDuplicates++;
            }
        }
        await health.RecordSubscriptionsAsync(client.Shop, held, cancellationToken);
        return summary;
    }

    public async Task<List<WebhookSubscriptionNode>> ListAsync(ShopifyAdminClient client, CancellationToken cancellationToken)
    {
        var all = new List<WebhookSubscriptionNode>();
        string? after = null;
        do
        {
            var page = (await client.QueryAsync("WebhookSubscriptions", new JsonObject { ["first"] = 100, ["after"] = after },
                Json.WebhookSubscriptionsData, cancellationToken)).WebhookSubscriptions;
            all.AddRange(page.Nodes);
            after = page.HasNextPage ? page.PageInfo!.EndCursor : null;
        } while (after is not null);
        return all;
    }

    private static void ThrowOnUserErrors(string topic, IReadOnlyList<UserError>? errors)
    {
        if (errors is { Count: > 0 })
            throw new ShopifyApiException($"Shopify refused the {topic} subscription: {string.Join("; ", errors.Select(e => e.Message))}");
    }
}

public sealed class RegistrationSummary
{
    public List<string> Created { get; } = [];
    public List<string> Updated { get; } = [];
    public List<string> Unchanged { get; } = [];
    public int DeletedDuplicates { get; set; }
}
