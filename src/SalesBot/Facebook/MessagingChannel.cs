namespace SalesBot.Facebook;

/// <summary>
/// Where a conversation happens. Both run on the Messenger Platform with the page token and the same Send API shape; an
/// Instagram conversation lives under the page's Instagram professional account id (its webhooks' <c>entry[].id</c>).
/// </summary>
public enum MessagingChannel
{
    Messenger = 0,
    Instagram = 1,
}

/// <summary>
/// What one Send API message may hold on a channel. Messenger: text up to 2000 characters (Send API reference). Instagram
/// ("Instagram Messaging: Send a Message", developers.facebook.com/docs/messenger-platform/instagram/features/send-message):
/// "Message text must be UTF-8 and be a 1000 bytes or less". Both: at most 13 text quick replies of 20 characters
/// ("Quick Replies" on each), a generic template of at most 10 elements, a button template of 640 characters and 1–3
/// buttons (Instagram Messaging has both templates: /instagram-messaging/generic-template, /button-template).
/// </summary>
public sealed record ChannelLimits(MessagingChannel Channel, int MaxTextChars, int MaxTextBytes)
{
    public const int InstagramMaxTextBytes = 1000;

    public static readonly ChannelLimits Messenger = new(MessagingChannel.Messenger, OutgoingMessage.MaxTextLength, int.MaxValue);
    public static readonly ChannelLimits Instagram = new(MessagingChannel.Instagram, InstagramMaxTextBytes, InstagramMaxTextBytes);

    public static ChannelLimits For(MessagingChannel channel) => channel == MessagingChannel.Instagram ? Instagram : Messenger;

    public int MaxQuickReplies => OutgoingMessage.MaxQuickReplies;
    public int MaxElements => OutgoingMessage.MaxElements;

    /// <summary>True when <paramref name="text"/> fits one text message here.</summary>
    public bool Fits(string text) => text.Length <= MaxTextChars && System.Text.Encoding.UTF8.GetByteCount(text) <= MaxTextBytes;
}

/// <summary>The Instagram professional account linked to a page (<c>instagram_business_account{id,username}</c>).</summary>
public sealed record InstagramAccount(string Id, string? Username)
{
    /// <summary>How the console names it: <c>@username</c>, or the id when Meta gave no username.</summary>
    public string DisplayName => string.IsNullOrEmpty(Username) ? "Instagram " + Id : "@" + Username;
}
