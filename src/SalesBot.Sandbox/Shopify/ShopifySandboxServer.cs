using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace SalesBot.Sandbox.Shopify;

/// <summary>The emulated Shopify on its own Kestrel loopback port, for tests and benchmarks.</summary>
public sealed class ShopifySandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ShopifySandboxServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    /// <summary>e.g. <c>http://127.0.0.1:54321</c>; a shop's Admin origin is <c>{BaseUri}/sandbox/{shop}</c>.</summary>
    public Uri BaseUri { get; }

    public ShopifySandbox Sandbox => _app.Services.GetRequiredService<ShopifySandbox>();

    /// <summary>What <c>SHOPIFY_API_ORIGIN</c> should be for the app to reach this sandbox.</summary>
    public string ApiOrigin => $"{BaseUri.ToString().TrimEnd('/')}/sandbox/{{shop}}";

    public Uri ShopUri(string shop) => new($"{BaseUri.ToString().TrimEnd('/')}/sandbox/{shop}/");

    public static async Task<ShopifySandboxServer> StartAsync(ShopifySandboxOptions options, CancellationToken cancellationToken = default)
    {
        var (app, address) = await LoopbackHost.StartAsync(s => s.AddShopifySandbox(options), a => a.MapShopifySandbox(), 0, cancellationToken);
        // Links it hands out (bulk results) name the address it listens on, not what a request's Host header says.
        options.PublicBaseUri ??= address;
        return new ShopifySandboxServer(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
