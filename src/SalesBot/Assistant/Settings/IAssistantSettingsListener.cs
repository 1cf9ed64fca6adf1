namespace SalesBot.Assistant.Settings;

/// <summary>
/// Told when a shop's settings were saved, after the save. The Assistant knows nothing of Messenger, so a part that shows
/// the settings elsewhere (Messenger's welcome screen greeting) implements this and keeps its own copy current.
/// </summary>
public interface IAssistantSettingsListener
{
    /// <summary>Must not throw for its own failures: the settings are saved either way.</summary>
    Task SettingsSavedAsync(string shop, CancellationToken cancellationToken);
}
