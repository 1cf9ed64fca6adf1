using System.Globalization;
using System.Text.RegularExpressions;
using SalesBot.Catalog;

namespace SalesBot.Assistant;

/// <summary>
/// Answers questions about the store from the shop's policies in the snapshot (<c>shopPolicies { type title body url }</c>):
/// the policy's most relevant sentences, HTML stripped, and its link. What the policy does not say (a country, a cost,
/// a delivery time) is never said: the reply says it can't confirm, links the policy and offers a person. Order status
/// is never looked up or guessed: the shopper is pointed to their confirmation email, their account page or a person.
/// </summary>
public static partial class PolicyAnswers
{
    public const int MaxQuoteLength = 420;

    /// <summary>Shopify's policy types for each topic, the first present one answering.</summary>
    private static readonly Dictionary<StoreTopic, string[]> PolicyTypes = new()
    {
        [StoreTopic.Refund] = ["REFUND_POLICY"],
        [StoreTopic.Shipping] = ["SHIPPING_POLICY"],
        [StoreTopic.Privacy] = ["PRIVACY_POLICY"],
        [StoreTopic.Terms] = ["TERMS_OF_SERVICE", "TERMS_OF_SALE", "LEGAL_NOTICE"],
        [StoreTopic.Contact] = ["CONTACT_INFORMATION"],
    };

    // Words that make a sentence about the topic; a sentence with them answers a general question ("your return policy?").
    private static readonly Dictionary<StoreTopic, string[]> TopicWords = new()
    {
        [StoreTopic.Refund] = ["return", "refund", "exchange", "day"],
        [StoreTopic.Shipping] = ["ship", "shipping", "deliver", "delivery", "order", "day"],
        [StoreTopic.Privacy] = ["personal", "information", "data", "collect", "sell"],
        [StoreTopic.Terms] = ["term", "agree", "service"],
        [StoreTopic.Contact] = ["email", "phone", "address", "contact"],
    };

    public static AssistantReply Reply(CatalogIndex catalog, StoreQuestion question, string language, IReadOnlyList<QuickReplyOption> quickReplies)
    {
        var phrases = StorePhrases.For(language);
        if (question.Topic == StoreTopic.OrderStatus)
            return new AssistantReply(Format(phrases.OrderStatus, AccountUrl(catalog.Shop)), [], quickReplies);

        var policy = Find(catalog.Shop.ShopPolicies, question.Topic);
        if (policy is null) return new AssistantReply(phrases.NoPolicy, [], quickReplies);
        var title = LowerFirst(policy.Title, language);
        var link = phrases.FullPolicy + " " + policy.Url;
        var sentences = Sentences(policy.Body);
        // A snapshot from before bodies were fetched: the link alone, nothing claimed.
        if (sentences.Count == 0) return new AssistantReply(link, [], quickReplies);

        if (question.Place is { } place && question.Topic == StoreTopic.Shipping)
        {
            var naming = sentences.Where(s => Names(s, place)).ToList();
            if (naming.Count == 0)
                return new AssistantReply(Format(phrases.CannotConfirmPlace, title, Capitalize(place)) + "\n" + link + "\n" + phrases.OfferPerson, [], quickReplies);
            return Quote(phrases, title, naming, link, quickReplies);
        }

        // A cost or a delivery time is only stated when a sentence states one.
        var wanted = sentences.Where(s => (!question.AsksCost || StatesCost(s)) && (!question.AsksTime || StatesTime(s))).ToList();
        if ((question.AsksCost || question.AsksTime) && question.Topic == StoreTopic.Shipping)
        {
            if (wanted.Count == 0)
                return new AssistantReply(Format(phrases.CannotConfirmDetail, title) + "\n" + link + "\n" + phrases.OfferPerson, [], quickReplies);
            return Quote(phrases, title, wanted, link, quickReplies);
        }
        return Quote(phrases, title, (question.AsksCost || question.AsksTime) && wanted.Count > 0 ? wanted : Relevant(sentences, question.Topic), link, quickReplies);
    }

    /// <summary>What the model's <c>get_store_policy</c> tool returns: the policy's plain text and link, never more than it says.</summary>
    public static object ForTool(CatalogIndex catalog, string? topic)
    {
        StoreTopic? parsed = topic?.Trim().ToLowerInvariant() switch
        {
            "refund" or "refunds" or "return" or "returns" => StoreTopic.Refund,
            "shipping" or "delivery" => StoreTopic.Shipping,
            "privacy" => StoreTopic.Privacy,
            "terms" or "terms_of_service" => StoreTopic.Terms,
            "contact" => StoreTopic.Contact,
            "order_status" or "order" or "orders" => StoreTopic.OrderStatus,
            _ => null,
        };
        if (parsed is null) return new { error = "topic must be one of: refund, shipping, privacy, terms, contact, order_status" };
        if (parsed == StoreTopic.OrderStatus)
            return new
            {
                note = "Orders cannot be seen from here: do not state any order's status. The order confirmation email links to the order's status page; " +
                    "the shopper can also sign in to their account, or ask for a person.",
                accountUrl = AccountUrl(catalog.Shop),
            };
        var policy = Find(catalog.Shop.ShopPolicies, parsed.Value);
        if (policy is null) return new { note = "The store has no such policy. Do not guess; offer a person." };
        var text = string.Join(" ", Sentences(policy.Body));
        return new { title = policy.Title, url = policy.Url, text = text.Length > MaxToolText ? text[..MaxToolText] : text };
    }

    /// <summary>A policy is up to 512 kB at Shopify; the model gets its start, which is where the summary sits.</summary>
    public const int MaxToolText = 2000;

    public static ShopPolicy? Find(IReadOnlyList<ShopPolicy>? policies, StoreTopic topic) =>
        PolicyTypes.TryGetValue(topic, out var types)
            ? types.Select(t => policies?.FirstOrDefault(p => p.Type == t && !string.IsNullOrEmpty(p.Url))).FirstOrDefault(p => p is not null)
            : null;

    /// <summary>The policy's text as sentences: block ends and sentence ends split it, tags and entities go.</summary>
    public static IReadOnlyList<string> Sentences(string? html)
    {
        if (string.IsNullOrWhiteSpace(html)) return [];
        var text = BlockEndPattern().Replace(html, "\n");
        return text.Split('\n')
            .Select(Tokenizer.StripHtml)
            .SelectMany(line => SentenceEndPattern().Split(line))
            .Select(s => s.Trim())
            .Where(s => s.Length > 1)
            .ToList();
    }

    /// <summary>The store's account page, where a signed-in shopper sees their orders (Online Store themes link it at <c>/account</c>).</summary>
    public static string AccountUrl(ShopInfo shop)
    {
        var origin = shop.PrimaryDomain?.Url ?? shop.Url ?? $"https://{shop.MyshopifyDomain}";
        return origin.TrimEnd('/') + "/account";
    }

    private static AssistantReply Quote(StorePhrases phrases, string title, IReadOnlyList<string> sentences, string link,
        IReadOnlyList<QuickReplyOption> quickReplies)
    {
        var quote = "";
        foreach (var s in sentences)
        {
            if (quote.Length > 0 && quote.Length + s.Length + 1 > MaxQuoteLength) break;
            quote = quote.Length == 0 ? s : quote + " " + s;
        }
        return new AssistantReply(Format(phrases.PolicyIntro, title) + "\n" + quote + "\n" + link, [], quickReplies);
    }

    /// <summary>Up to two sentences most about the topic, in the policy's own order (the first one wins a tie).</summary>
    private static IReadOnlyList<string> Relevant(IReadOnlyList<string> sentences, StoreTopic topic)
    {
        var words = TopicWords[topic].Select(Tokenizer.Stem).ToHashSet(StringComparer.Ordinal);
        return sentences
            .Select((s, i) => (s, i, Score: Tokenizer.Terms(s).Distinct().Count(words.Contains)))
            .OrderByDescending(x => x.Score).ThenBy(x => x.i)
            .Take(2)
            .OrderBy(x => x.i)
            .Select(x => x.s)
            .ToList();
    }

    private static readonly string[][] PlaceAliases =
    [
        ["us", "usa", "u s", "u s a", "united states", "united states of america", "america", "the states"],
        ["uk", "u k", "united kingdom", "great britain", "britain", "england", "scotland", "wales"],
        ["eu", "european union", "europe"],
    ];

    /// <summary>Whether a sentence names the place, as a whole word or phrase, or by a common other name ("USA" / "United States").</summary>
    public static bool Names(string sentence, string place)
    {
        var text = " " + Tokenizer.Normalize(sentence) + " ";
        var wanted = Tokenizer.Normalize(place);
        var names = PlaceAliases.FirstOrDefault(a => a.Contains(wanted)) ?? [wanted];
        return names.Any(n => text.Contains(" " + n + " ", StringComparison.Ordinal));
    }

    private static bool StatesCost(string sentence) =>
        MoneyMentions.Find(sentence).Any() || CostWordPattern().IsMatch(sentence.ToLowerInvariant());

    private static bool StatesTime(string sentence) => TimeWordPattern().IsMatch(sentence.ToLowerInvariant());

    private static string LowerFirst(string title, string language) =>
        language == "de" || title.Length == 0 ? title : char.ToLower(title[0], CultureInfo.InvariantCulture) + title[1..];

    private static string Capitalize(string place) =>
        string.Join(' ', place.Split(' ').Select(w => w.Length <= 2 ? w.ToUpperInvariant() : char.ToUpperInvariant(w[0]) + w[1..]));

    private static string Format(string template, params object[] args) => string.Format(CultureInfo.InvariantCulture, template, args);

    [GeneratedRegex(@"</(?:p|li|h[1-6]|div|tr|ul|ol)\s*>|<br\s*/?>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexLimits.TimeoutMs)]
    private static partial Regex BlockEndPattern();

    // Runs on the merchant's policy text, not on chat text; the lookarounds rule out NonBacktracking, so a timeout bounds it.
    [GeneratedRegex(@"(?<=[.!?])\s+(?=[\p{Lu}\d])", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex SentenceEndPattern();

    [GeneratedRegex(@"\b(?:free|cost|costs|fee|fees|charge|charged|gratis|gratuit|kostenlos)\b", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex CostWordPattern();

    // "5 days", "3-5 business days", "2 to 4 weeks"; the digit runs are atomic so a long number cannot be split two ways.
    [GeneratedRegex(@"\b(?>\d+)(?:\s*(?:to|-|–)\s*(?>\d+))?\s*(?:business\s+|working\s+)?(?:days?|weeks?|hours?|días|jours|tage|werktage)\b|\b(?:same|next)[- ]day\b", RegexOptions.None, RegexLimits.TimeoutMs)]
    internal static partial Regex TimeWordPattern();
}
