using System.Collections.Concurrent;

namespace SalesBot.Facebook;

/// <summary>
/// How the last attempt to set each page's Messenger profile ended, for the console's pages page. Kept in memory: it is
/// the outcome this instance saw, and every connect or settings save tries again.
/// </summary>
public sealed class MessengerProfileStatus(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ProfileOutcome> _byPage = new(StringComparer.Ordinal);

    public void Record(string pageId, string? error) => _byPage[pageId] = new ProfileOutcome(time.GetUtcNow(), error);

    public void Forget(string pageId) => _byPage.TryRemove(pageId, out _);

    public ProfileOutcome? Of(string pageId) => _byPage.TryGetValue(pageId, out var outcome) ? outcome : null;
}

/// <summary><see cref="Error"/> is null when the profile was set.</summary>
public sealed record ProfileOutcome(DateTimeOffset At, string? Error);
