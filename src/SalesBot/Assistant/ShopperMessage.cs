using System.Globalization;
using System.Text.RegularExpressions;

namespace SalesBot.Assistant;

public enum ShopperIntent { Search, Greeting, Discounts, Human, Thanks, Browse, NewArrivals, Deals, Gift }

/// <summary>
/// A shopper's message read without a model: the intent, the product words and the price range
/// ("under $50", "between 20 and 40", "around 30"), so the catalog-only mode can answer usefully.
/// </summary>
public sealed partial record ShopperMessage(ShopperIntent Intent, ProductQuery Query, string Language)
{
    public const string PayloadHuman = "HUMAN";
    public const string PayloadDiscounts = "DISCOUNTS";
    public const string PayloadBrowse = "BROWSE";
    public const string PayloadGetStarted = "GET_STARTED";
    // The Messenger profile's ice breakers and menu (Facebook/MessengerProfileBuilder) post these.
    public const string PayloadNewArrivals = "NEW_ARRIVALS";
    public const string PayloadDeals = "DEALS";
    public const string PayloadGift = "GIFT";
    /// <summary>A gift chip ("For her"): its text is the search, read like a typed message.</summary>
    public const string PayloadGiftSearch = "GIFT_SEARCH";

    /// <summary>A payload of the Messenger profile's Get Started button or ice breakers: it alone says what the shopper wants.</summary>
    public static bool IsShortcut(string? payload) => payload is PayloadGetStarted or PayloadNewArrivals or PayloadDeals or PayloadGift;

    public static ShopperMessage Parse(string? text, string? payload = null)
    {
        // Read at most what Messenger can carry; the rules below never need more, and a pasted wall of text costs no more.
        text = ChatLimits.Cap(text ?? "", ChatLimits.ShopperText);
        var language = LanguageGuess.Of(text);
        switch (payload)
        {
            case PayloadHuman: return new(ShopperIntent.Human, new ProductQuery(""), language);
            case PayloadDiscounts: return new(ShopperIntent.Discounts, new ProductQuery(""), language);
            case PayloadBrowse: return new(ShopperIntent.Browse, new ProductQuery(""), language);
            // Get Started opens a conversation: the welcome and what the shop features.
            case PayloadGetStarted: return new(ShopperIntent.Greeting, new ProductQuery(""), language);
            case PayloadNewArrivals: return new(ShopperIntent.NewArrivals, new ProductQuery(""), language);
            case PayloadDeals: return new(ShopperIntent.Deals, new ProductQuery(""), language);
            case PayloadGift: return new(ShopperIntent.Gift, new ProductQuery(""), language);
        }

        var lower = text.ToLowerInvariant();
        if (HumanPattern().IsMatch(lower)) return new(ShopperIntent.Human, new ProductQuery(""), language);
        if (DiscountPattern().IsMatch(lower)) return new(ShopperIntent.Discounts, new ProductQuery(""), language);

        var query = ReadQuery(lower);

        var hasProductWords = Tokenizer.Terms(query.Text).Any(t => !GreetingWords.Contains(t));
        if (!hasProductWords && !query.HasFilters)
        {
            if (ThanksPattern().IsMatch(lower)) return new(ShopperIntent.Thanks, query, language);
            return new(ShopperIntent.Greeting, query, language);
        }
        return new(ShopperIntent.Search, query, language);
    }

    /// <summary>
    /// The search in a shopper's words: price range, in-stock wish, price order and audience read out, and the words that
    /// said them taken out of <see cref="ProductQuery.Text"/>. No intent: the model's search tool reads its query with it too
    /// (<see cref="CatalogTools.SearchProducts"/>), where "gift for someone" is a search, not a call for a person.
    /// </summary>
    public static ProductQuery ReadQuery(string text)
    {
        decimal? min = null, max = null;
        bool minExclusive = false, maxExclusive = false;
        var rest = ChatLimits.Cap(text, ChatLimits.ShopperText).ToLowerInvariant();
        if (BetweenPattern().Match(rest) is { Success: true } between)
        {
            (min, max) = (Amount(between.Groups["a"]), Amount(between.Groups["b"]));
            rest = rest.Remove(between.Index, between.Length);
        }
        else
        {
            if (UnderPattern().Match(rest) is { Success: true } under)
            {
                max = Amount(under.Groups["a"]);
                maxExclusive = StrictUnderPattern().IsMatch(under.Value);
                rest = rest.Remove(under.Index, under.Length);
            }
            if (OverPattern().Match(rest) is { Success: true } over)
            {
                min = Amount(over.Groups["a"]);
                minExclusive = StrictOverPattern().IsMatch(over.Value);
                rest = rest.Remove(over.Index, over.Length);
            }
            if (min is null && max is null && AroundPattern().Match(rest) is { Success: true } around)
            {
                var a = Amount(around.Groups["a"]);
                (min, max) = (Math.Floor(a * 0.8m), Math.Ceiling(a * 1.2m));
                rest = rest.Remove(around.Index, around.Length);
            }
        }
        var inStock = InStockPattern().IsMatch(rest);
        if (inStock) rest = InStockPattern().Replace(rest, " ");
        PriceOrder? order = null;
        if (SuperlativePattern().Match(rest) is { Success: true } superlative)
        {
            order = superlative.Groups["cheap"].Success ? PriceOrder.Cheapest : PriceOrder.MostExpensive;
            rest = rest.Remove(superlative.Index, superlative.Length).Insert(superlative.Index, " ");
        }
        var (audience, withoutPeople) = Audiences.Read(rest);
        rest = withoutPeople;
        return new ProductQuery(rest, min, max, inStock, MaxExclusive: maxExclusive, MinExclusive: minExclusive, Audience: audience, Order: order);
    }

    // Stemmed like the terms they are compared with ("buenos" → "bueno").
    private static readonly HashSet<string> GreetingWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "hola", "bonjour", "salut", "hallo", "ciao", "ola", "olá", "morning", "evening", "afternoon", "yo", "sup", "up",
        "buenos", "buenas", "dia", "dias", "día", "días", "noches", "tarde", "guten", "tag", "ok", "okay", "cool", "great", "bye", "gracias", "merci", "danke",
    }.Select(Tokenizer.Stem).ToHashSet(StringComparer.Ordinal);

    // The one number reader of the assistant: "1,000.50", "19,99" and "1.000" as a shopper means them.
    private static decimal Amount(Group g) => MoneyMentions.ParseNumber(g.Value) ?? throw new FormatException($"Not an amount: {g.Value}");

    private const string Money = @"[$€£]?\s?(?<a>\d[\d,]*(?:\.\d+)?)\s?(?:\$|€|£|usd|eur|gbp|dollars?|bucks|euros?)?";

    [GeneratedRegex(@"\b(human|person|real person|agent|someone|representative|operator|talk to (?:a|an|some)\w*|speak to|persona|humano|humain|mensch)\b", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex HumanPattern();

    [GeneratedRegex(@"\b(discounts?|coupons?|promo(?:tions?| codes?)?|codes?|deals?|descuentos?|cupón|cupon|réduction|rabatt)\b", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex DiscountPattern();

    [GeneratedRegex(@"\bbetween\s+" + "[$€£]?\\s?(?<a>\\d[\\d,]*(?:\\.\\d+)?)" + @"\s*(?:and|to|-)\s*" + "[$€£]?\\s?(?<b>\\d[\\d,]*(?:\\.\\d+)?)" + @"\s?(?:\$|€|£|usd|eur|dollars?|euros?)?", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex BetweenPattern();

    [GeneratedRegex(@"(?:\b(?:under|below|less than|cheaper than|up to|max(?:imum)?|no more than|within|menos de|moins de|unter)|<)\s*" + Money, RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex UnderPattern();

    [GeneratedRegex(@"(?:\b(?:over|above|more than|at least|from|min(?:imum)?|más de|plus de|über)|>)\s*" + Money, RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex OverPattern();

    // "under", "below", "less than", "cheaper than" leave the amount out; "up to", "max", "within" let it in.
    [GeneratedRegex(@"^(?:under|below|less than|cheaper than|menos de|moins de|unter|<)", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex StrictUnderPattern();

    [GeneratedRegex(@"^(?:over|above|more than|más de|plus de|über|>)", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex StrictOverPattern();

    [GeneratedRegex(@"\b(?:(?<cheap>cheapest|least expensive|lowest[- ]priced|lowest price|most affordable|el más barato|la más barata|le moins cher|la moins chère|billigste[nrs]?|günstigste[nrs]?)|(?:most expensive|priciest|highest[- ]priced|highest price|dearest|el más caro|la más cara|le plus cher|la plus chère|teuerste[nrs]?))\b", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex SuperlativePattern();

    [GeneratedRegex(@"\b(?:around|about|roughly|approximately|~)\s*" + Money, RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex AroundPattern();

    [GeneratedRegex(@"\b(?:in stock|available now|available)\b", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex InStockPattern();

    [GeneratedRegex(@"\b(thanks?|thank you|thx|ty|gracias|merci|danke|grazie|obrigad[oa])\b", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex ThanksPattern();
}
