using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace SalesBot.Sandbox.Facebook;

/// <summary>
/// The page's Messenger profile as the chat page shows it, the way Messenger's welcome screen does: the default
/// locale's greeting with the shopper's name filled in, then the ice breakers or, when none are set, the Get Started
/// button (API ice breakers take precedence over Get Started), and the persistent menu's items.
/// </summary>
internal static class FacebookSandboxChatProfile
{
    /// <summary>The sandbox shopper's name, for the greeting's <c>{{user_first_name}}</c> and friends.</summary>
    public const string FirstName = "Sandbox", LastName = "Shopper";

    public sealed record WelcomeScreen(string? Greeting, string? GetStarted, IReadOnlyList<Shortcut> IceBreakers, IReadOnlyList<Shortcut> Menu);

    /// <summary>An ice breaker (title = the question) or a menu item; <see cref="Url"/> only for a web_url item.</summary>
    public sealed record Shortcut(string Title, string? Payload, string? Url);

    public static WelcomeScreen For(MessengerProfiles profiles, IOptions<FacebookSandboxOptions> options)
    {
        var profile = profiles.Of(options.Value.PageId);
        var greeting = Default(profile["greeting"]) is JsonObject g ? Personal(Str(g, "text")) : null;
        var iceBreakers = IceBreakers(profile["ice_breakers"]);
        var getStarted = profile["get_started"] is JsonObject s ? Str(s, "payload") : null;
        var menu = Default(profile["persistent_menu"]) is JsonObject m && m["call_to_actions"] is JsonArray items
            ? items.OfType<JsonObject>().Select(i => new Shortcut(Str(i, "title") ?? "", Str(i, "payload"), Str(i, "url"))).ToList()
            : [];
        return new WelcomeScreen(greeting, iceBreakers.Count > 0 ? null : getStarted, iceBreakers, menu);
    }

    private static List<Shortcut> IceBreakers(JsonNode? node)
    {
        if (node is not JsonArray items) return [];
        // The new format has one entry per locale; the existing one is the questions themselves.
        var questions = Default(items) is JsonObject localized && localized["call_to_actions"] is JsonArray list ? list : items;
        return questions.OfType<JsonObject>().Where(q => q.ContainsKey("question"))
            .Select(q => new Shortcut(Str(q, "question") ?? "", Str(q, "payload"), null)).ToList();
    }

    private static JsonNode? Default(JsonNode? node) =>
        node is JsonArray items ? items.OfType<JsonObject>().FirstOrDefault(i => Str(i, "locale") == "default") : null;

    private static string? Personal(string? text) => text?
        .Replace("{{user_first_name}}", FirstName, StringComparison.Ordinal)
        .Replace("{{user_last_name}}", LastName, StringComparison.Ordinal)
        .Replace("{{user_full_name}}", FirstName + " " + LastName, StringComparison.Ordinal);

    private static string? Str(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
