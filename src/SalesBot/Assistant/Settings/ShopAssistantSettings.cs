namespace SalesBot.Assistant.Settings;

/// <summary>
/// One shop's assistant settings with the defaults filled in: no greeting, no codes shared, the app-wide handoff
/// pause, the automated-assistant line on, no business hours (a person may answer at any time).
/// </summary>
public sealed record ShopAssistantSettings(
    string? Greeting,
    IReadOnlySet<string> SharedCodes,
    TimeSpan? HandoffPause,
    bool Disclosure,
    BusinessHours? Hours,
    string? OutOfHoursReply,
    DateTimeOffset? UpdatedAt)
{
    /// <summary>Where the out-of-hours reply says when a person is back ("Monday at 09:00").</summary>
    public const string BackPlaceholder = "{back}";

    public const string DefaultOutOfHoursReply =
        "Our team is away right now and back " + BackPlaceholder + ". Leave your question here and they will answer then; meanwhile I'm happy to help you find products.";

    public static ShopAssistantSettings Defaults { get; } =
        new(null, new HashSet<string>(StringComparer.OrdinalIgnoreCase), null, true, null, null, null);

    /// <summary>Whether a person can take over now; always true without business hours.</summary>
    public bool IsStaffedAt(DateTimeOffset now) => Hours?.IsOpenAt(now) ?? true;

    /// <summary>What a shopper asking for a person hears outside business hours, with when they are back.</summary>
    public string OutOfHoursText(DateTimeOffset now)
    {
        var template = string.IsNullOrWhiteSpace(OutOfHoursReply) ? DefaultOutOfHoursReply : OutOfHoursReply;
        var back = Hours?.DescribeNextOpening(now) ?? "soon";
        return template.Contains(BackPlaceholder, StringComparison.Ordinal)
            ? template.Replace(BackPlaceholder, back, StringComparison.Ordinal)
            : $"{template} (Back {back}.)";
    }

    /// <summary>
    /// What the first reply of a conversation starts with: the greeting, then the line saying this is an automated
    /// assistant (the EU AI Act, art. 50, from 2 August 2026: people are told they talk to an AI system at the latest at
    /// the first interaction); null when neither is on.
    /// </summary>
    public string? FirstReplyOpening(string shopName)
    {
        var parts = new List<string>(2);
        if (!string.IsNullOrWhiteSpace(Greeting)) parts.Add(Greeting.Trim());
        if (Disclosure) parts.Add(DisclosureLine(shopName));
        return parts.Count == 0 ? null : string.Join("\n", parts);
    }

    public static string DisclosureLine(string shopName) =>
        $"You're chatting with {shopName}'s automated assistant. Ask for a person any time.";
}
