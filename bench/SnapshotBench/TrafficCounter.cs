using Amazon.Runtime;

namespace SnapshotBench;

/// <summary>Counts the SDK's requests and the response body bytes it actually reads, through the SDK's HttpClientFactory hook.</summary>
public sealed class TrafficCounter : HttpClientFactory
{
    public int Requests;
    public long BodyBytes;

    public void Reset() => (Requests, BodyBytes) = (0, 0);

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
        new(new CountingHandler(this) { InnerHandler = new SocketsHttpHandler() }) { Timeout = TimeSpan.FromSeconds(60) };

    private sealed class CountingHandler(TrafficCounter counter) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref counter.Requests);
            var response = await base.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            Interlocked.Add(ref counter.BodyBytes, body.Length);
            var replaced = new ByteArrayContent(body);
            foreach (var header in response.Content.Headers) replaced.Headers.TryAddWithoutValidation(header.Key, header.Value);
            response.Content = replaced;
            return response;
        }
    }
}
