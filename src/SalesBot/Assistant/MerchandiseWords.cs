namespace SalesBot.Assistant;

/// <summary>The small English word lists <see cref="MerchandiseMentions"/> reads a sentence with: what ends a name, what offers or presents one, what says the store lacks it.</summary>
internal static class MerchandiseWords
{
    /// <summary>Words that are never part of a product's name, so they end one: articles, pronouns, prepositions, auxiliaries.</summary>
    internal static readonly HashSet<string> FunctionWords = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "this", "that", "these", "those", "our", "your", "my", "their", "its", "his", "her", "some", "any",
        "every", "each", "all", "both", "what", "which", "whose", "such", "i", "we", "you", "he", "she", "it", "they", "me",
        "us", "him", "them", "i'm", "i'd", "i'll", "i've", "we're", "we've", "we'll", "you're", "you've", "you'll", "it's",
        "that's", "there", "there's", "here", "here's", "they're", "of", "in", "on", "at", "for", "to", "from", "with",
        "without", "by", "about", "into", "onto", "over", "under", "up", "down", "out", "off", "near", "than", "as", "like",
        "via", "per", "between", "through", "across", "around", "before", "after", "during", "since", "until", "and", "or",
        "but", "nor", "so", "yet", "if", "because", "while", "when", "where", "whether", "though", "although", "is", "are",
        "was", "were", "be", "been", "being", "am", "do", "does", "did", "have", "has", "had", "will", "would", "shall",
        "should", "can", "could", "may", "might", "must", "get", "gets", "got", "very", "really", "too", "also", "just",
        "only", "now", "still", "even", "always", "never", "again", "well", "quite", "please", "not", "no", "more", "most",
        "other", "another", "either", "plus", "how", "why", "who", "whom", "one", "ones",
    };

    /// <summary>Verbs after "we"/"I" that offer what follows ("we also sell…", "I recommend…").</summary>
    internal static readonly HashSet<string> OfferVerbs = new(StringComparer.Ordinal)
    {
        "have", "sell", "carry", "stock", "offer", "got", "recommend", "suggest", "love", "make", "ship", "feature",
    };

    /// <summary>Words on their own that offer what follows ("try the…", "grab a…", "meet our…").</summary>
    internal static readonly HashSet<string> OfferWords = new(StringComparer.Ordinal)
    {
        "our", "try", "grab", "introducing", "meet", "consider", "recommend", "suggest", "browse", "discover", "explore",
        "there's", "featuring",
    };

    /// <summary>Between "we" and the offer verb: "we also carry", "we now stock", "we do have".</summary>
    internal static readonly HashSet<string> OfferAdverbs = new(StringComparer.Ordinal)
    {
        "also", "now", "even", "currently", "still", "do", "proudly", "just", "definitely", "really", "always", "have",
    };

    /// <summary>Between an offer and the name: "we have (a few of the) …", "try (this) …".</summary>
    internal static readonly HashSet<string> Determiners = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "this", "these", "those", "that", "some", "any", "one", "your", "all", "both", "also", "even",
        "more", "two", "three", "several", "few", "out", "about",
    };

    /// <summary>Between a name and what presents it: "the parka is (only) $50", "beanies are (now back) in stock".</summary>
    internal static readonly HashSet<string> PresentingVerbs = new(StringComparer.Ordinal)
    {
        "is", "are", "was", "were", "costs", "cost", "sells", "sell", "retails", "comes", "come", "runs", "starts", "start",
        "goes", "go", "for", "at", "from",
    };

    internal static readonly HashSet<string> PresentingFillers = new(StringComparer.Ordinal)
    {
        "only", "just", "now", "back", "also", "still", "currently", "all", "a", "an", "our", "the", "customer", "fan",
        "firm", "top", "best", "real", "great", "big", "very", "so", "absolute", "total", "for", "at", "from", "priced",
        "selling", "most", "really", "super", "hugely", "incredibly", "always", "right", "(", ":", "-", "—", "–",
    };

    internal static readonly HashSet<string> PresentingWords = new(StringComparer.Ordinal)
    {
        "available", "favourite", "favorite", "favourites", "favorites", "bestseller", "best-seller", "bestsellers",
        "seller", "hit", "popular", "must-have", "pick", "staple", "classic",
    };

    /// <summary>Between two names of one list: "hats, scarves and gloves", "a range of parkas".</summary>
    internal static readonly HashSet<string> ListWords = new(StringComparer.Ordinal) { ",", "and", "or", "&", "plus", "of", "/" };

    internal static readonly HashSet<string> ListFillers = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "some", "any", "this", "these", "those", "that", "your", "my", "their", "its", "also", "even",
        "other", "more", "all", "both", "one", "and", "or",
    };

    internal static readonly HashSet<string> Negations = new(StringComparer.Ordinal)
    {
        "not", "no", "never", "none", "nothing", "nor", "cannot", "unfortunately", "sorry", "unable", "without",
    };

    internal static readonly HashSet<string> EchoVerbs = new(StringComparer.Ordinal)
    {
        "asked", "ask", "asking", "looking", "searched", "searching", "search", "mentioned", "mention", "wanted", "want",
        "wants", "need", "needed", "said", "wrote", "request", "requested", "after", "prefer", "hoping", "hoped",
    };

    internal static readonly HashSet<string> YouWords = new(StringComparer.Ordinal) { "you", "you're", "you've", "your", "you'd" };

    /// <summary>Words that end a clause as punctuation does, so a negation before them does not cover what follows.</summary>
    internal static readonly HashSet<string> ClauseWords = new(StringComparer.Ordinal) { "but", "however", "although", "though", "whereas", "except", "instead" };
}
