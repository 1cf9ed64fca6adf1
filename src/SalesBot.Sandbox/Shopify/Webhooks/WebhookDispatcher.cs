using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using SalesBot.Sandbox.Shopify.Store;
using SalesBot.Signing;

namespace SalesBot.Sandbox.Shopify.Webhooks;

/// <summary>
/// Delivers webhooks like Shopify: in the background, signed with the app secret, retried on
/// non-2xx answers and timeouts after each of <see cref="ShopifySandboxOptions.WebhookRetryDelays"/>.
/// </summary>
public sealed class WebhookDispatcher : IAsyncDisposable
{
    private readonly ShopifySandboxOptions _options;
    private readonly ShopifyWebhookHmac _hmac;
    private readonly HttpClient _http = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<WebhookDelivery> _log = new();
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();

    public WebhookDispatcher(ShopifySandboxOptions options)
    {
        _options = options;
        _hmac = new ShopifyWebhookHmac(options.ApiSecret);
        _http.Timeout = options.WebhookTimeout;
    }

    private void Log(WebhookDelivery delivery)
    {
        _log.Enqueue(delivery);
        while (_log.Count > _options.MaxLogEntries && _log.TryDequeue(out _)) { }
    }

    /// <summary>Every attempt and suppressed event so far (the last <see cref="ShopifySandboxOptions.MaxLogEntries"/>), oldest first.</summary>
    public IReadOnlyList<WebhookDelivery> Deliveries => [.. _log];

    /// <summary>Completes once no delivery (including pending retries) is in flight.</summary>
    public async Task WhenIdleAsync()
    {
        while (!_inFlight.IsEmpty) await Task.WhenAll(_inFlight.Keys);
    }

    /// <summary>
    /// Sends <paramref name="payload"/> to every subscription for <paramref name="topic"/> (header form,
    /// e.g. <c>products/update</c>). Call under the store gate: the subscription list is read here.
    /// </summary>
    public void Publish(ShopifyStore store, string topic, JsonObject payload, bool suppress)
    {
        var enumTopic = StoreWebhookSubscription.EnumTopic(topic);
        var body = payload.ToJsonString();
        var triggeredAt = store.Now;
        foreach (var subscription in store.Webhooks.Values.Where(w => w.Topic == enumTopic).ToList())
            Send(store, new Message(store.Domain, topic, subscription.Uri, Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), body, triggeredAt), suppress);
    }

    /// <summary>Sends one delivery to <paramref name="uri"/> without a subscription: the compliance topics.</summary>
    public void PublishTo(ShopifyStore store, string topic, string uri, JsonObject payload) =>
        Send(store, new Message(store.Domain, topic, uri, Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), payload.ToJsonString(), store.Now), false);

    private void Send(ShopifyStore store, Message message, bool suppress)
    {
        if (suppress)
        {
            Log(message.Attempt(0, null, false, store.Now, null) with { Suppressed = true });
            return;
        }
        var task = Task.Run(() => DeliverAsync(message, store.Time));
        _inFlight.TryAdd(task, 0);
        _ = task.ContinueWith(t => _inFlight.TryRemove(t, out _), TaskScheduler.Default);
    }

    private async Task DeliverAsync(Message message, TimeProvider time)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await TrySendAsync(message, attempt, time)) return;
            if (attempt >= _options.WebhookRetryDelays.Count || _stopping.IsCancellationRequested) return;
            try
            {
                await Task.Delay(_options.WebhookRetryDelays[attempt], time, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<bool> TrySendAsync(Message message, int attempt, TimeProvider time)
    {
        var bytes = Encoding.UTF8.GetBytes(message.Body);
        using var request = new HttpRequestMessage(HttpMethod.Post, message.Uri) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-Shopify-Topic", message.Topic);
        request.Headers.Add(ShopifyWebhookHmac.HeaderName, _hmac.Sign(bytes));
        request.Headers.Add("X-Shopify-Shop-Domain", message.Shop);
        request.Headers.Add("X-Shopify-API-Version", _options.ApiVersion);
        request.Headers.Add("X-Shopify-Webhook-Id", message.WebhookId);
        request.Headers.Add("X-Shopify-Event-Id", message.EventId);
        request.Headers.Add("X-Shopify-Triggered-At", message.TriggeredAt.UtcDateTime.ToString("O"));
        try
        {
            using var response = await _http.SendAsync(request, _stopping.Token);
            var ok = response.IsSuccessStatusCode;
            Log(message.Attempt(attempt, (int)response.StatusCode, ok, time.GetUtcNow(), null));
            return ok;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or OperationCanceledException)
        {
            Log(message.Attempt(attempt, null, false, time.GetUtcNow(), e.GetType().Name));
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try { await WhenIdleAsync(); } catch (OperationCanceledException) { }
        _http.Dispose();
        _stopping.Dispose();
    }

    private sealed record Message(string Shop, string Topic, string Uri, string WebhookId, string EventId, string Body, DateTimeOffset TriggeredAt)
    {
        public WebhookDelivery Attempt(int attempt, int? status, bool delivered, DateTimeOffset at, string? error) =>
            new(Shop, Topic, Uri, WebhookId, EventId, attempt, status, delivered, false, at, Body, error);
    }
}
