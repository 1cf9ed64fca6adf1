namespace SalesBot.Assistant;

/// <summary>The catalog-only mode's sentences about the store (policies, order status, goodbye), per language.</summary>
/// <param name="PolicyIntro">{0}: the policy's title as the shop names it.</param>
/// <param name="CannotConfirmPlace">{0}: the policy title, {1}: the place asked about.</param>
/// <param name="CannotConfirmDetail">{0}: the policy title; for a cost or a time the policy does not state.</param>
/// <param name="NoPolicy">No policy of that kind in the snapshot: nothing is guessed.</param>
/// <param name="OrderStatus">{0}: the store's account page.</param>
/// <param name="Closing">{0}: the shop's name.</param>
/// <param name="Cheapest">{0}: the product's title, {1}: its price.</param>
public sealed record StorePhrases(
    string PolicyIntro,
    string FullPolicy,
    string CannotConfirmPlace,
    string CannotConfirmDetail,
    string OfferPerson,
    string NoPolicy,
    string OrderStatus,
    string Closing,
    string Cheapest,
    string MostExpensive)
{
    private static readonly StorePhrases English = new(
        "From our {0}:",
        "Full policy:",
        "Our {0} doesn't mention {1}, so I can't confirm that we ship there.",
        "Our {0} doesn't say that, so I can't confirm it.",
        "A person on our team can check for you — just tap \"Talk to a person\".",
        "I don't have that policy to hand, so I'd rather not guess. A person on our team can answer — just tap \"Talk to a person\".",
        "I can't see orders from here, so I can't tell you its status. Your order confirmation email has a link to the order's status page, and you can also sign in to your account at {0}. Or tap \"Talk to a person\" and someone from the team will look it up.",
        "Thanks for stopping by {0}! If you need anything later, just send a message here.",
        "The cheapest is {0} at {1}:",
        "The most expensive is {0} at {1}:");

    private static readonly Dictionary<string, StorePhrases> ByLanguage = new()
    {
        ["en"] = English,
        ["es"] = new(
            "Según nuestra {0}:", "Política completa:",
            "Nuestra {0} no menciona {1}, así que no puedo confirmar que enviemos allí.",
            "Nuestra {0} no lo dice, así que no puedo confirmarlo.",
            "Una persona del equipo puede comprobarlo: toca \"Hablar con alguien\".",
            "No tengo esa política a mano y prefiero no adivinar. Una persona del equipo puede responderte: toca \"Hablar con alguien\".",
            "Desde aquí no veo los pedidos, así que no puedo decirte su estado. El correo de confirmación del pedido tiene un enlace a su página de estado, y también puedes entrar en tu cuenta en {0}. O toca \"Hablar con alguien\" y alguien del equipo lo revisará.",
            "¡Gracias por visitar {0}! Si necesitas algo más adelante, escríbenos aquí.",
            "El más barato es {0}, a {1}:", "El más caro es {0}, a {1}:"),
        ["fr"] = new(
            "D'après notre {0} :", "Politique complète :",
            "Notre {0} ne mentionne pas {1}, je ne peux donc pas confirmer que nous y livrons.",
            "Notre {0} ne le précise pas, je ne peux donc pas le confirmer.",
            "Une personne de l'équipe peut vérifier pour vous : touchez « Parler à quelqu'un ».",
            "Je n'ai pas cette politique sous la main et je préfère ne pas deviner. Une personne de l'équipe peut répondre : touchez « Parler à quelqu'un ».",
            "Je ne vois pas les commandes d'ici, je ne peux donc pas vous donner son statut. L'e-mail de confirmation de commande contient un lien vers sa page de suivi, et vous pouvez aussi vous connecter à votre compte sur {0}. Ou touchez « Parler à quelqu'un » et quelqu'un de l'équipe vérifiera.",
            "Merci de votre visite chez {0} ! Si vous avez besoin de quoi que ce soit, écrivez-nous ici.",
            "Le moins cher est {0}, à {1} :", "Le plus cher est {0}, à {1} :"),
        ["de"] = new(
            "Aus unserer {0}:", "Ganze Richtlinie:",
            "Unsere {0} nennt {1} nicht, daher kann ich nicht bestätigen, dass wir dorthin liefern.",
            "Unsere {0} sagt dazu nichts, daher kann ich es nicht bestätigen.",
            "Jemand aus dem Team kann das prüfen – tippe einfach auf „Mit einem Menschen sprechen“.",
            "Diese Richtlinie habe ich nicht zur Hand, und ich rate lieber nicht. Jemand aus dem Team kann antworten – tippe auf „Mit einem Menschen sprechen“.",
            "Bestellungen sehe ich von hier aus nicht, daher kann ich dir ihren Status nicht sagen. Die Bestellbestätigung per E-Mail enthält einen Link zur Statusseite, und du kannst dich auch in deinem Konto unter {0} anmelden. Oder tippe auf „Mit einem Menschen sprechen“, dann sieht jemand aus dem Team nach.",
            "Danke für deinen Besuch bei {0}! Wenn du später etwas brauchst, schreib uns einfach hier.",
            "Am günstigsten ist {0} für {1}:", "Am teuersten ist {0} für {1}:"),
    };

    public static StorePhrases For(string language) => ByLanguage.GetValueOrDefault(language) ?? English;
}
