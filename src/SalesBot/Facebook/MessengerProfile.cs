using SalesBot.Assistant;
using SalesBot.Assistant.Settings;

namespace SalesBot.Facebook;

/// <summary>
/// The page's Messenger profile as Graph takes it on <c>POST /me/messenger_profile</c> (snake_case, see
/// <see cref="SendApiJson"/>): the Get Started button, the welcome screen's greeting, the ice breakers (new format, one
/// locale) and the persistent menu (developers.facebook.com/docs/messenger-platform/reference/messenger-profile-api).
/// </summary>
public sealed record MessengerProfile(
    ProfileGetStarted GetStarted,
    IReadOnlyList<ProfileGreeting> Greeting,
    IReadOnlyList<ProfileIceBreakers> IceBreakers,
    IReadOnlyList<ProfileMenu> PersistentMenu)
{
    /// <summary>What the app sets, so what disconnecting a page deletes: <c>DELETE</c> takes <c>{"fields":[…]}</c>.</summary>
    public static readonly IReadOnlyList<string> Fields = ["get_started", "greeting", "ice_breakers", "persistent_menu"];
}

public sealed record ProfileGetStarted(string Payload);

public sealed record ProfileGreeting(string Locale, string Text);

public sealed record ProfileIceBreakers(IReadOnlyList<ProfileQuestion> CallToActions, string Locale);

public sealed record ProfileQuestion(string Question, string Payload);

public sealed record ProfileMenu(string Locale, bool ComposerInputDisabled, IReadOnlyList<ProfileMenuItem> CallToActions);

public sealed record ProfileMenuItem(string Type, string Title, string Payload);

/// <summary>
/// Builds the profile from the shop's assistant settings. Every payload is one the assistant already acts on
/// (<see cref="ShopperMessage"/>), so a tap is answered like the matching quick reply.
/// </summary>
public static class MessengerProfileBuilder
{
    /// <summary>Meta's limit for a greeting's text (Messenger Profile API, "greeting": 160 characters).</summary>
    public const int MaxGreeting = 160;

    /// <summary>Shown when the merchant set no greeting; <c>{{user_first_name}}</c> is filled in by Messenger.</summary>
    public const string DefaultGreeting = "Hi {{user_first_name}}! Ask me about our products, today's deals or a gift idea.";

    public static MessengerProfile For(ShopAssistantSettings settings) => new(
        new ProfileGetStarted(ShopperMessage.PayloadGetStarted),
        [new ProfileGreeting("default", Greeting(settings.Greeting))],
        [new ProfileIceBreakers(
        [
            new ProfileQuestion("Show me what's new", ShopperMessage.PayloadNewArrivals),
            new ProfileQuestion("Any deals today?", ShopperMessage.PayloadDeals),
            new ProfileQuestion("Help me find a gift", ShopperMessage.PayloadGift),
            new ProfileQuestion("Talk to a person", ShopperMessage.PayloadHuman),
        ], "default")],
        [new ProfileMenu("default", false,
        [
            new ProfileMenuItem("postback", "Browse", ShopperMessage.PayloadBrowse),
            new ProfileMenuItem("postback", "Deals", ShopperMessage.PayloadDeals),
            new ProfileMenuItem("postback", "Talk to a person", ShopperMessage.PayloadHuman),
        ])]);

    /// <summary>
    /// The merchant's greeting (up to 300 characters in the settings) within Meta's 160: cut at the last word that fits,
    /// with an ellipsis, rather than refused, since the first reply still carries it whole.
    /// </summary>
    public static string Greeting(string? greeting)
    {
        var text = string.IsNullOrWhiteSpace(greeting) ? DefaultGreeting : greeting.Trim();
        if (text.Length <= MaxGreeting) return text;
        var cut = text[..(MaxGreeting - 1)];
        var space = cut.LastIndexOf(' ');
        return (space > MaxGreeting / 2 ? cut[..space] : cut).TrimEnd(' ', ',', ';', ':', '.') + "…";
    }
}
