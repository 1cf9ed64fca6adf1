using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SalesBot.Sandbox.Facebook;

public static class FacebookSandboxExtensions
{
    public const string BasePath = "/sandbox/facebook";
    public const string GraphVersion = "v26.0";
    internal const string HttpClientName = "facebook-sandbox";

    /// <summary>The emulated Graph API's state and options; the app's own Graph origin is then <c>{base}/sandbox/facebook</c>.</summary>
    public static IServiceCollection AddFacebookSandbox(this IServiceCollection services, Action<FacebookSandboxOptions>? configure = null)
    {
        services.AddOptions<FacebookSandboxOptions>().Configure(o => configure?.Invoke(o));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<FacebookSandboxState>();
        services.AddSingleton<MessengerProfiles>();
        services.AddSingleton<FacebookSandboxComments>();
        services.AddHttpClient(HttpClientName);
        return services;
    }

    /// <summary>
    /// <c>/sandbox/facebook/v26.0/…</c> (Graph API), <c>/sandbox/facebook/chat/…</c> (the chat page's API)
    /// and <c>/sandbox/chat</c> (the Messenger-like page).
    /// </summary>
    public static IEndpointRouteBuilder MapFacebookSandbox(this IEndpointRouteBuilder app)
    {
        var root = app.MapGroup(BasePath).ExcludeFromDescription();
        FacebookSandboxGraphApi.Map(root.MapGroup("/" + GraphVersion));
        FacebookSandboxChatApi.Map(root.MapGroup("/chat"));
        app.MapGet("/sandbox/chat", () => TypedResults.Content(FacebookSandboxChatPage.Html, "text/html; charset=utf-8")).ExcludeFromDescription();
        return app;
    }
}
