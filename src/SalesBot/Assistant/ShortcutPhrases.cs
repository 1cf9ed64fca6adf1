namespace SalesBot.Assistant;

/// <summary>
/// The sentences of the shortcuts a shopper taps before typing anything (the Messenger profile's ice breakers and menu:
/// what's new, deals, a gift), in the languages <see cref="LanguageGuess"/> recognises.
/// </summary>
public sealed record ShortcutPhrases(
    string NewArrivals,
    string Deals,
    string NoDeals,
    string Gift,
    string ForHer,
    string ForHim,
    string ForKid,
    string SurpriseMe)
{
    // Chip titles stay within Messenger's 20 characters for a quick reply.
    private static readonly ShortcutPhrases English = new(
        "Just in at {0}:",
        "On sale right now:",
        "Nothing is marked down right now, but here are some favourites:",
        "Happy to help you find a gift! Who is it for? Tap one, or tell me, for example \"a mug for my dad under 30\".",
        "A gift for her", "A gift for him", "A gift for a kid", "Surprise me");

    private static readonly Dictionary<string, ShortcutPhrases> ByLanguage = new()
    {
        ["en"] = English,
        ["es"] = new("Lo último en {0}:", "En oferta ahora mismo:", "Ahora no hay rebajas, pero aquí tienes algunos favoritos:",
            "¡Te ayudo a encontrar un regalo! ¿Para quién es? Toca una opción o dímelo, por ejemplo \"una taza para mi padre\".",
            "Para ella", "Para él", "Para un niño", "Sorpréndeme"),
        ["fr"] = new("Les nouveautés de {0} :", "En promotion en ce moment :", "Rien n'est soldé en ce moment, mais voici quelques favoris :",
            "Je vous aide à trouver un cadeau ! Pour qui est-il ? Touchez un choix ou dites-le-moi, par exemple « une tasse pour mon père ».",
            "Pour elle", "Pour lui", "Pour un enfant", "Surprenez-moi"),
        ["de"] = new("Neu bei {0}:", "Gerade im Angebot:", "Gerade ist nichts reduziert, aber hier sind einige Favoriten:",
            "Gern helfe ich dir, ein Geschenk zu finden! Für wen ist es? Tippe auf eine Option oder sag es mir, zum Beispiel „eine Tasse für meinen Vater“.",
            "Für sie", "Für ihn", "Für ein Kind", "Überrasch mich"),
    };

    public static ShortcutPhrases For(string language) => ByLanguage.GetValueOrDefault(language) ?? English;

    /// <summary>The guided gift search's first step: who it is for (the chip's words are then read like a typed message).</summary>
    public IReadOnlyList<QuickReplyOption> GiftChoices() =>
    [
        new(ForHer, ShopperMessage.PayloadGiftSearch),
        new(ForHim, ShopperMessage.PayloadGiftSearch),
        new(ForKid, ShopperMessage.PayloadGiftSearch),
        new(SurpriseMe, ShopperMessage.PayloadBrowse),
    ];
}
