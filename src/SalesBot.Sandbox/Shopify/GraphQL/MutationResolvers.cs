using GraphQL;
using GraphQL.Utilities;
using SalesBot.Sandbox.Shopify.Store;

namespace SalesBot.Sandbox.Shopify.GraphQL;

/// <summary>Webhook subscription management and bulk operations, with Shopify's userErrors instead of exceptions.</summary>
internal static class MutationResolvers
{
    public static void Map(SchemaBuilder b)
    {
        new ResolverMap<object>(b, "Mutation")
            .Field("webhookSubscriptionCreate", (_, c) => Create(c))
            .Field("webhookSubscriptionUpdate", (_, c) => Update(c))
            .Field("webhookSubscriptionDelete", (_, c) => Delete(c))
            .Field("bulkOperationRunQuery", (_, c) => RunBulk(c));

        foreach (var type in new[] { "WebhookSubscriptionCreatePayload", "WebhookSubscriptionUpdatePayload" })
            new ResolverMap<PayloadView>(b, type).Field("webhookSubscription", p => p.Subject).Field("userErrors", p => p.UserErrors);
        new ResolverMap<PayloadView>(b, "WebhookSubscriptionDeletePayload")
            .Field("deletedWebhookSubscriptionId", p => p.Subject).Field("userErrors", p => p.UserErrors);
        new ResolverMap<PayloadView>(b, "BulkOperationRunQueryPayload")
            .Field("bulkOperation", p => p.Subject).Field("userErrors", p => p.UserErrors);
    }

    private static PayloadView Create(IResolveFieldContext context)
    {
        var store = AdminRequestContext.Of(context).Store;
        var topic = context.GetArgument<string>("topic");
        var uri = Uri(context);
        if (uri is null) return Error(["webhookSubscription", "callbackUrl"], "Address is invalid");
        if (store.Webhooks.Values.Any(w => w.Topic == topic && w.Uri == uri))
            return Error(["webhookSubscription", "callbackUrl"], "Address for this topic has already been taken");
        var subscription = new StoreWebhookSubscription { Id = store.NewId(), Topic = topic, Uri = uri };
        store.Webhooks.Add(subscription.Id, subscription);
        return new(subscription, []);
    }

    private static PayloadView Update(IResolveFieldContext context)
    {
        var store = AdminRequestContext.Of(context).Store;
        if (Gid.NumberOf(context.GetArgument<string>("id"), "WebhookSubscription") is not { } id || !store.Webhooks.TryGetValue(id, out var subscription))
            return Error(["id"], "Webhook subscription does not exist");
        if (Uri(context) is not { } uri) return Error(["webhookSubscription", "callbackUrl"], "Address is invalid");
        subscription.Uri = uri;
        return new(subscription, []);
    }

    private static PayloadView Delete(IResolveFieldContext context)
    {
        var store = AdminRequestContext.Of(context).Store;
        var gid = context.GetArgument<string>("id");
        if (Gid.NumberOf(gid, "WebhookSubscription") is not { } id || !store.Webhooks.Remove(id))
            return Error(["id"], "Webhook subscription does not exist");
        return new(gid, []);
    }

    private static PayloadView RunBulk(IResolveFieldContext context)
    {
        var request = AdminRequestContext.Of(context);
        var running = request.Store.BulkOperations.Values.FirstOrDefault(o => o.Status is "CREATED" or "RUNNING");
        if (running is not null)
            return Error(null, $"A bulk query operation for this app and shop is already in progress: {running.Gid}.", "OPERATION_IN_PROGRESS");
        var query = context.GetArgument<string>("query");
        if (BulkOperationRunner.Validate(query) is { } problem) return Error(["query"], problem, "INVALID");
        var id = request.Store.NewId();
        var operation = new StoreBulkOperation
        {
            Id = id, Query = query, CreatedAt = request.Store.Now, Status = "RUNNING",
            GroupObjects = context.GetArgument<bool>("groupObjects"),
            BaseUri = request.BaseUri,
            ResultUrl = $"{request.BaseUri}sandbox/{request.Store.Domain}/bulk/{id}.jsonl",
        };
        request.Store.BulkOperations[operation.Id] = operation;
        request.AfterExecution.Add(() => request.Sandbox.BulkOperations.RunAsync(request.Store, operation));
        return new(operation, []);
    }

    /// <summary>The callback address: absolute http(s) only (the sandbox allows plain http for loopback receivers).</summary>
    private static string? Uri(IResolveFieldContext context)
    {
        var input = context.GetArgument<Dictionary<string, object?>>("webhookSubscription");
        return input.GetValueOrDefault("uri") is string uri && System.Uri.TryCreate(uri, UriKind.Absolute, out var parsed)
            && parsed.Scheme is "http" or "https" ? uri : null;
    }

    private static PayloadView Error(IReadOnlyList<string>? field, string message, string? code = null) =>
        new(null, [new UserErrorView(field, message, code)]);
}
