using System.Collections.Concurrent;
using Amazon.Runtime;

namespace SalesBot.Tests.Snapshots;

/// <summary>Counts the HTTP requests the AWS SDK sends, by method, through the SDK's HttpClientFactory hook.</summary>
public sealed class RequestCounter : HttpClientFactory
{
    private readonly ConcurrentDictionary<string, int> counts = new();

    public int Count(HttpMethod method) => counts.GetValueOrDefault(method.Method);

    public void Reset() => counts.Clear();

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
        new(new CountingHandler(this) { InnerHandler = new SocketsHttpHandler() }) { Timeout = clientConfig.Timeout ?? TimeSpan.FromSeconds(30) };

    private sealed class CountingHandler(RequestCounter counter) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            counter.counts.AddOrUpdate(request.Method.Method, 1, (_, n) => n + 1);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
