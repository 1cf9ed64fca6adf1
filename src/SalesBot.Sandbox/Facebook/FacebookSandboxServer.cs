using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

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

    /// <summary>The Messenger profiles the app set through <c>/me/messenger_profile</c>.</summary>
    public MessengerProfiles Profiles => _app.Services.GetRequiredService<MessengerProfiles>();

    public FacebookSandboxComments Comments => _app.Services.GetRequiredService<FacebookSandboxComments>();

    /// <param name="time">The sandbox's clock (a fake one lets a test move past Meta's messaging windows).</param>
    public static async Task<FacebookSandboxServer> StartAsync(Action<FacebookSandboxOptions>? configure = null, int port = 0,
        CancellationToken cancellationToken = default, TimeProvider? time = null)
    {
        var (app, address) = await LoopbackHost.StartAsync(s =>
        {
            if (time is not null) s.AddSingleton(time);
            s.AddFacebookSandbox(configure);
        }, a => a.MapFacebookSandbox(), port, cancellationToken);
        return new FacebookSandboxServer(app, address.ToString().TrimEnd('/'));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
