namespace SalesBot.Configuration;

/// <summary>
/// <c>SALESBOT_SEMANTIC_SEARCH</c>: <c>on</c> (default) ranks products by meaning as well as by words, with the sentence
/// model that ships in the app's folder; <c>off</c> keeps the lexical index alone. Read while the services are built, so a
/// bad value stops the start with one line.
/// </summary>
public sealed record SemanticSearchOptions(bool Enabled)
{
    public const string Variable = "SALESBOT_SEMANTIC_SEARCH";

    public static SemanticSearchOptions From(IConfiguration configuration) => configuration[Variable]?.Trim().ToLowerInvariant() switch
    {
        null or "" or "on" => new(true),
        "off" => new(false),
        var value => throw new ConfigurationError($"{Variable} is '{configuration[Variable]}'; allowed: on (rank by meaning and words) or off (words only)."),
    };
}
