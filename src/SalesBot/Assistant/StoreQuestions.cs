using System.Text.RegularExpressions;

namespace SalesBot.Assistant;

/// <summary>What a question about the store (not a product) is about; each but order status has a Shopify policy type.</summary>
public enum StoreTopic { OrderStatus, Refund, Shipping, Privacy, Terms, Contact }

/// <summary>
/// A question about the store read without a model: the topic, the place asked about ("ship to Canada") and whether a
/// cost or a delivery time is asked, so the answer can say only what the policy says about exactly that.
/// </summary>
public sealed partial record StoreQuestion(StoreTopic Topic, string? Place, bool AsksCost, bool AsksTime)
{
    /// <summary>The question <paramref name="text"/> asks about the store, or null when it is not one.</summary>
    public static StoreQuestion? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var lower = text.ToLowerInvariant();
        StoreTopic? topic =
            OrderStatusPattern().IsMatch(lower) ? StoreTopic.OrderStatus
            : RefundPattern().IsMatch(lower) ? StoreTopic.Refund
            : ShippingPattern().IsMatch(lower) ? StoreTopic.Shipping
            : PrivacyPattern().IsMatch(lower) ? StoreTopic.Privacy
            : TermsPattern().IsMatch(lower) ? StoreTopic.Terms
            : ContactPattern().IsMatch(lower) ? StoreTopic.Contact
            : null;
        if (topic is null) return null;
        var place = topic is StoreTopic.Shipping ? PlaceIn(lower) : null;
        return new StoreQuestion(topic.Value, place, CostPattern().IsMatch(lower), TimePattern().IsMatch(lower));
    }

    /// <summary>"do you ship to the United Kingdom?" → "united kingdom": up to three words after "to"/"in", stopping at a non-place word.</summary>
    public static string? PlaceIn(string lower)
    {
        if (PlacePattern().Match(lower) is not { Success: true } m) return null;
        var words = Tokenizer.Words(m.Groups["place"].Value).SkipWhile(w => w == "the").TakeWhile(w => !NotPlaceWords.Contains(w)).Take(3).ToList();
        return words.Count == 0 ? null : string.Join(' ', words);
    }

    private static readonly HashSet<string> NotPlaceWords = new(StringComparer.Ordinal)
    {
        "cost", "costs", "how", "much", "please", "and", "for", "too", "from", "now", "free", "fast", "quickly", "within", "by",
        "soon", "is", "it", "does", "do", "can", "will", "what", "if", "or", "at", "time", "take", "takes", "as", "well", "also",
        "my", "me", "you", "your", "a", "an", "order", "orders", "stuff", "price", "days", "day", "week", "weeks",
    };

    [GeneratedRegex(@"\b(?:ship|ships|shipping|deliver|delivers|delivery|send|post|envían|envian|envío|envio|livrez|livraison|liefert|liefern|versendet|versand)\w*\s+(?:to|in|into|à|en|nach)\s+(?<place>[\p{L} '-]{2,60})", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex PlacePattern();

    // "where is my order", "order #1001", "track my package", "has my order shipped", "order status".
    [GeneratedRegex(@"\b(?:(?:where|status|track\w*|arriv\w*|shipped|late|receiv\w*|come|coming|deliver\w*|dispatch\w*)\b[^.?!]*\bmy (?:order|package|parcel|purchase)|my (?:order|package|parcel|purchase)\b[^.?!]*\b(?:where|status|track\w*|arriv\w*|shipped|late|receiv\w*|come|coming|deliver\w*|dispatch\w*)|order\s*(?:#|no\.?|number)\s*\d+|order status|track(?:ing)? (?:my |an |the )?(?:order|package|parcel)|tracking number|dónde está mi pedido|mi pedido|où est ma commande|ma commande|wo ist meine bestellung|meine bestellung)|#\d{3,}", RegexOptions.NonBacktracking)]
    private static partial Regex OrderStatusPattern();

    [GeneratedRegex(@"\b(?:returns?|returning|refunds?|refunded|exchanges?|money back|send (?:it|them|this) back|devoluci\w*|devolver|reembols\w*|retours?|rembours\w*|rückgabe|zurückgeben|zurücksenden|erstattung|umtausch)\b", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex RefundPattern();

    [GeneratedRegex(@"\b(?:ship|ships|shipping|shipped|deliver|delivers|delivery|deliveries|postage|courier|envíos?|envios?|envían|envian|livraison|livrez|versand|versendet|versenden|liefern|liefert|lieferung)\b", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex ShippingPattern();

    [GeneratedRegex(@"\b(?:privacy|personal (?:data|information)|my data|gdpr|cookies|privacidad|datos personales|confidentialité|données personnelles|datenschutz)\b", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex PrivacyPattern();

    [GeneratedRegex(@"\b(?:terms|conditions|t&cs?|tos|términos|condiciones|conditions générales|cgv|agb|nutzungsbedingungen)\b", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex TermsPattern();

    [GeneratedRegex(@"\b(?:contact|e-?mail address|your e-?mail|phone number|your phone|call you|reach you|your address|where are you located|contacto|teléfono|téléphone|kontakt|telefon)\b", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex ContactPattern();

    [GeneratedRegex(@"\b(?:cost|costs|how much|price|prices|fee|fees|free|charge|charges|cuesta|precio|coûte|prix|kostet|kosten)\b", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex CostPattern();

    [GeneratedRegex(@"\b(?:how long|how fast|how quickly|how soon|when will|delivery time|days?|weeks?|arrive|cuánto tarda|combien de temps|wie lange)\b", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex TimePattern();
}

/// <summary>"bye", "that's all", "thanks, that's it": the shopper is done, so the bot says goodbye instead of starting over.</summary>
public static partial class Closings
{
    public static bool IsClosing(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return false;
        var lower = text.ToLowerInvariant();
        if (!ClosingPattern().IsMatch(lower)) return false;
        // Whatever is left must be thanks and filler, not a new request ("that's all the jackets you have?").
        var rest = ThanksPattern().Replace(ClosingPattern().Replace(lower, " "), " ");
        return Tokenizer.Terms(rest).All(Filler.Contains);
    }

    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal)
    {
        "ok", "okay", "great", "cool", "perfect", "awesome", "lovely", "good", "fine", "no", "nope", "now", "then", "so", "just",
        "very", "lot", "lots", "again", "help", "helpful", "all", "for", "bye", "cheer", "cheers", "really", "appreciate", "it",
        "thx", "ty", "si", "sí", "oui", "ja", "nein", "non", "merci", "gracias", "danke", "muchas", "beaucoup", "schön", "vielen",
    };

    [GeneratedRegex(@"\b(?:bye|goodbye|good bye|bye bye|see (?:you|ya)|take care|that'?s all|that is all|that'?s it|that is it|that'?ll be all|nothing else|no thanks|no thank you|i'?m done|i'?m good|all good|have a (?:good|nice|great) (?:day|one|night)|adiós|adios|hasta luego|eso es todo|nada más|au revoir|c'est tout|à bientôt|tschüss|tschuss|auf wiedersehen|das war's|das wars)\b", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex ClosingPattern();

    [GeneratedRegex(@"\b(?:thanks?|thank you|thx|ty|cheers|gracias|merci|danke|grazie)\b", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex ThanksPattern();
}
