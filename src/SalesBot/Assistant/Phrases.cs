namespace SalesBot.Assistant;

/// <summary>The catalog-only mode's sentences in the languages <see cref="LanguageGuess"/> recognises.</summary>
public sealed record Phrases(
    string Welcome,
    string Found,
    string FoundSoldOut,
    string NotFound,
    string Discounts,
    string NoDiscounts,
    string HandOff,
    string Thanks,
    string Browse,
    string Discover,
    string AskDiscounts,
    string AskHuman)
{
    private static readonly Phrases English = new(
        "Hi! Welcome to {0}. Tell me what you are looking for, for example \"a blue shirt\" or \"gifts under $30\".",
        "Here is what I found for you:",
        "That one is sold out right now, but these are available:",
        "I couldn't find that in our catalog. Here are some favourites instead:",
        "Here are the codes you can use right now:",
        "There are no discount codes running right now, but here are some favourites:",
        "I've let the team know — a person will answer you here shortly.",
        "You're welcome! Anything else I can help you find?",
        "Here are some favourites from {0}:",
        "Show products",
        "Discounts",
        "Talk to a person");

    private static readonly Dictionary<string, Phrases> ByLanguage = new()
    {
        ["en"] = English,
        ["es"] = new(
            "¡Hola! Bienvenido a {0}. Dime qué buscas, por ejemplo \"una camisa azul\" o \"regalos de menos de 30 $\".",
            "Esto es lo que encontré para ti:",
            "Ese está agotado ahora mismo, pero estos están disponibles:",
            "No encontré eso en nuestro catálogo. Aquí tienes algunos favoritos:",
            "Estos son los códigos que puedes usar ahora:",
            "Ahora no hay códigos de descuento, pero aquí tienes algunos favoritos:",
            "He avisado al equipo: una persona te responderá aquí en breve.",
            "¡De nada! ¿Te ayudo a encontrar algo más?",
            "Algunos favoritos de {0}:",
            "Ver productos", "Descuentos", "Hablar con alguien"),
        ["fr"] = new(
            "Bonjour ! Bienvenue chez {0}. Dites-moi ce que vous cherchez, par exemple « une chemise bleue ».",
            "Voici ce que j'ai trouvé pour vous :",
            "Cet article est épuisé pour le moment, mais ceux-ci sont disponibles :",
            "Je n'ai pas trouvé cela dans notre catalogue. Voici quelques favoris :",
            "Voici les codes utilisables maintenant :",
            "Aucun code promo en ce moment, mais voici quelques favoris :",
            "J'ai prévenu l'équipe : une personne vous répondra ici très bientôt.",
            "Avec plaisir ! Puis-je vous aider à trouver autre chose ?",
            "Quelques favoris de {0} :",
            "Voir les produits", "Promotions", "Parler à quelqu'un"),
        ["de"] = new(
            "Hallo! Willkommen bei {0}. Sag mir, was du suchst, zum Beispiel „ein blaues Hemd“.",
            "Das habe ich für dich gefunden:",
            "Das ist gerade ausverkauft, aber diese sind verfügbar:",
            "Das habe ich in unserem Katalog nicht gefunden. Hier sind einige Favoriten:",
            "Diese Codes kannst du jetzt nutzen:",
            "Gerade laufen keine Rabattcodes, aber hier sind einige Favoriten:",
            "Ich habe dem Team Bescheid gegeben – gleich antwortet dir hier ein Mensch.",
            "Gern geschehen! Kann ich dir noch bei etwas helfen?",
            "Einige Favoriten von {0}:",
            "Produkte zeigen", "Rabatte", "Mit einem Menschen sprechen"),
    };

    public static Phrases For(string language) => ByLanguage.GetValueOrDefault(language) ?? English;

    public IReadOnlyList<QuickReplyOption> DefaultQuickReplies(bool mayPromote)
    {
        var options = new List<QuickReplyOption> { new(Discover, ShopperMessage.PayloadBrowse) };
        if (mayPromote) options.Add(new(AskDiscounts, ShopperMessage.PayloadDiscounts));
        options.Add(new(AskHuman, ShopperMessage.PayloadHuman));
        return options;
    }
}
