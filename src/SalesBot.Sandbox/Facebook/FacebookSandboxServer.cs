using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SalesBot.Sandbox.Facebook;

/// <summary>The emulated Graph API on its own loopback port, for tests that talk to it as to Facebook.</summary>
public sealed class FacebookSandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FacebookSandboxServer(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary><c>http://127.0.0.1:{port}</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>What to set <c>FACEBOOK_GRAPH_ORIGIN</c> to: <c>{BaseUrl}/sandbox/facebook</c>.</summary>
    public string GraphOrigin => BaseUrl + FacebookSandboxExtensions.BasePath;

    public FacebookSandboxState State => _app.Services.GetRequiredService<FacebookSandboxState>();

    public static async Task<FacebookSandboxServer> StartAsync(Action<FacebookSandboxOptions>? configure = null, int port = 0, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.Services.AddFacebookSandbox(configure);
        var app = builder.Build();
        app.MapFacebookSandbox();
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FacebookSandboxServer(app, address.TrimEnd('/'));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
