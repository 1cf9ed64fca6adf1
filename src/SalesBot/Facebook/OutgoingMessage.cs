namespace SalesBot.Facebook;

/// <summary>The <c>message</c> object of a Send API call: text with quick replies, a generic template (cards), or a button template.</summary>
public sealed record OutgoingMessage(string? Text, IReadOnlyList<QuickReply>? QuickReplies = null, MessageAttachment? Attachment = null)
{
    public const int MaxTextLength = 2000;
    public const int MaxQuickReplies = 13;
    public const int MaxElements = 10;
    public const int MaxTitleLength = 80;
    public const int MaxButtons = 3;

    /// <summary>The button template's text: "UTF-8-encoded text of up to 640 characters" (Messenger Platform, Button template).</summary>
    public const int MaxButtonTextLength = 640;

    public static OutgoingMessage Cards(IReadOnlyList<GenericElement> elements, IReadOnlyList<QuickReply>? quickReplies = null) =>
        new(null, quickReplies, new MessageAttachment("template", new TemplatePayload("generic", elements.Take(MaxElements).ToList())));

    /// <summary>Text with 1–3 buttons under it (template_type "button"), e.g. the checkout link as a URL button.</summary>
    public static OutgoingMessage Buttons(string text, IReadOnlyList<TemplateButton> buttons, IReadOnlyList<QuickReply>? quickReplies = null) =>
        new(null, quickReplies, new MessageAttachment("template",
            new TemplatePayload("button", null, text.Length > MaxButtonTextLength ? text[..MaxButtonTextLength] : text, buttons.Take(MaxButtons).ToList())));
}

public sealed record QuickReply(string ContentType, string Title, string Payload)
{
    public static QuickReply Text(string title, string payload) =>
        new("text", title.Length > 20 ? title[..20] : title, payload);
}

public sealed record MessageAttachment(string Type, TemplatePayload Payload);

/// <summary>A generic template has <see cref="Elements"/>; a button template has <see cref="Text"/> and <see cref="Buttons"/>.</summary>
public sealed record TemplatePayload(string TemplateType, IReadOnlyList<GenericElement>? Elements, string? Text = null, IReadOnlyList<TemplateButton>? Buttons = null);

public sealed record GenericElement(string Title, string? Subtitle, string? ImageUrl, DefaultAction? DefaultAction, IReadOnlyList<TemplateButton> Buttons);

public sealed record DefaultAction(string Type, string Url);

public sealed record TemplateButton(string Type, string Title, string? Url = null, string? Payload = null)
{
    public static TemplateButton Link(string title, string url) => new("web_url", title, url);
}
