using SalesBot.Assistant.Settings;

namespace SalesBot.Facebook;

/// <summary>
/// The merchant saved the assistant settings: the shop's pages get the profile again (the greeting may have changed),
/// in the background, so the save does not wait on a Graph call per page.
/// </summary>
public sealed class MessengerProfileOnSettingsSaved(MessengerProfileUpdates updates) : IAssistantSettingsListener
{
    public Task SettingsSavedAsync(string shop, CancellationToken cancellationToken)
    {
        updates.Enqueue(shop);
        return Task.CompletedTask;
    }
}
