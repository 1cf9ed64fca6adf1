using Microsoft.Extensions.DependencyInjection.Extensions;
using SalesBot.Assistant;
using SalesBot.Data.Retention;

namespace SalesBot.Facebook;

public static class FacebookExtensions
{
    /// <summary>Page connect, the Messenger webhook, the Send API client and the conversation worker.</summary>
    public static WebApplicationBuilder AddFacebook(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<FacebookApp>();
        services.AddSingleton<PageStore>();
        services.AddSingleton<PageBotSwitches>();
        services.AddSingleton<ConversationPolicy>();
        services.AddSingleton(SendApiRetry.Default);
        // Tokens travel in query strings as Meta documents, so the factory's URI logging is removed.
        services.AddHttpClient<SendApiClient>().RemoveAllLoggers().AddStandardResilienceHandler();
        services.AddHttpClient<GraphClient>().RemoveAllLoggers().AddStandardResilienceHandler();
        services.AddSingleton<MessengerProfileStatus>();
        services.AddScoped<MessengerProfileSync>();
        services.AddSingleton<MessengerProfileUpdates>();
        services.AddHostedService(sp => sp.GetRequiredService<MessengerProfileUpdates>());
        services.AddSingleton<SalesBot.Assistant.Settings.IAssistantSettingsListener, MessengerProfileOnSettingsSaved>();
        services.AddHostedService<PreconfiguredPageProfile>();
        services.AddHttpClient<ThreadControlClient>().RemoveAllLoggers().AddStandardResilienceHandler();
        services.AddScoped<InstagramLink>();
        services.AddScoped<PageConnectService>();
        services.AddScoped<ShopPages>();
        services.AddSingleton<MessengerWebhookReceiver>();
        services.AddSingleton<ConversationStore>();
        services.AddSingleton<DataDeletion>();
        // A turn is scoped: it gets fresh typed HttpClients from the factory each time.
        services.AddScoped<ConversationTurn>();
        services.AddScoped<CommentReplier>();
        services.AddSingleton<CommentReplyClaims>();
        services.AddScoped<ConversationInbox>();
        services.AddSingleton<ConversationDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<ConversationDispatcher>());
        services.AddSingleton<IRetentionSweep, MessengerEventRetention>();
        services.AddOptions<RetentionOptions>().Validate(o => o.MessengerEvents >= MessengerEventRetention.Minimum,
            $"RETENTION_MESSENGER_EVENTS must be a TimeSpan of at least {MessengerEventRetention.Minimum}, such as 7.00:00:00");
        return builder;
    }
}
