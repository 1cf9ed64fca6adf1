using SalesBot.Assistant.Settings;

namespace SalesBot.Facebook;

/// <summary>The merchant saved the assistant settings: the shop's pages get the profile again (the greeting may have changed).</summary>
public sealed class MessengerProfileOnSettingsSaved(IServiceScopeFactory scopes) : IAssistantSettingsListener
{
    public async Task SettingsSavedAsync(string shop, CancellationToken cancellationToken)
    {
        // A scope per save: the sync uses typed HttpClients from the factory, which a singleton must not hold.
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MessengerProfileSync>().SetForShopAsync(shop, cancellationToken);
    }
}
