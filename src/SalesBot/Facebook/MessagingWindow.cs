namespace SalesBot.Facebook;

/// <summary>
/// How a person may still write to a shopper, counted from the shopper's last message. Meta's policy: within the standard
/// messaging window (24 hours) any reply goes as <c>messaging_type: RESPONSE</c>; after it, a reply typed by a person may go
/// for up to 7 days with <c>messaging_type: MESSAGE_TAG</c> and <c>tag: HUMAN_AGENT</c>; after that nothing may be sent, and
/// the Send API refuses with error 10, subcode 2018278 ("This message is sent outside of allowed window").
/// See developers.facebook.com/docs/messenger-platform/policy/ (standard messaging window),
/// /docs/messenger-platform/send-messages/message-tags/ (HUMAN_AGENT) and /docs/messenger-platform/reference/send-api/error-codes.
/// </summary>
public enum MessagingWindow
{
    /// <summary>Within 24 hours: <c>RESPONSE</c>.</summary>
    Standard,
    /// <summary>Between 24 hours and 7 days: <c>MESSAGE_TAG</c> with <c>HUMAN_AGENT</c>, for replies a person typed.</summary>
    HumanAgent,
    /// <summary>After 7 days (or the shopper never wrote): nothing may be sent until the shopper writes again.</summary>
    Closed,
}

public static class MessagingWindows
{
    public static readonly TimeSpan Standard = TimeSpan.FromHours(24);
    public static readonly TimeSpan HumanAgent = TimeSpan.FromDays(7);

    public static MessagingWindow For(DateTimeOffset? shopperLastWrote, DateTimeOffset now) => (now - shopperLastWrote) switch
    {
        null => MessagingWindow.Closed,
        { } since when since < Standard => MessagingWindow.Standard,
        { } since when since < HumanAgent => MessagingWindow.HumanAgent,
        _ => MessagingWindow.Closed,
    };

    /// <summary>When the window this conversation is in closes (null when it is closed already).</summary>
    public static DateTimeOffset? ClosesAt(DateTimeOffset? shopperLastWrote, DateTimeOffset now) =>
        For(shopperLastWrote, now) switch
        {
            MessagingWindow.Standard => shopperLastWrote + Standard,
            MessagingWindow.HumanAgent => shopperLastWrote + HumanAgent,
            _ => null,
        };
}
