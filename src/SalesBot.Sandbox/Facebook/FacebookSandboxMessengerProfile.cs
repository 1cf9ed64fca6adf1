using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace SalesBot.Sandbox.Facebook;

/// <summary>
/// <c>/me/messenger_profile</c> (POST, GET, DELETE) with the page token, refusing what Meta refuses, with Graph's error
/// 100: a greeting without the <c>default</c> locale or over 160 characters, more than 4 ice breakers, more than 20 menu
/// items, a menu title over 30 characters, a payload over 1000, a persistent menu without a Get Started button, a field
/// it does not know (developers.facebook.com/docs/messenger-platform/reference/messenger-profile-api and its
/// get-started, greeting, ice-breakers and persistent-menu pages).
/// </summary>
internal static class FacebookSandboxMessengerProfile
{
    public const int MaxGreeting = 160, MaxIceBreakers = 4, MaxQuestion = 80, MaxMenuItems = 20, MaxMenuTitle = 30, MaxPayload = 1000;

    /// <summary>What the sandbox stores and checks; the profile's other documented fields are accepted as they are.</summary>
    private static readonly HashSet<string> Checked = ["get_started", "greeting", "ice_breakers", "persistent_menu"];
    private static readonly HashSet<string> Known = [.. Checked, "whitelisted_domains", "account_linking_url", "commands", "title", "description"];

    public static void Map(RouteGroupBuilder graph)
    {
        graph.MapPost("/me/messenger_profile", Set);
        graph.MapGet("/me/messenger_profile", Get);
        graph.MapDelete("/me/messenger_profile", Delete);
    }

    private static async Task<IResult> Set(HttpRequest request, [FromQuery(Name = "access_token")] string? token,
        MessengerProfiles profiles, IOptions<FacebookSandboxOptions> options)
    {
        var o = options.Value;
        if (token != o.PageToken) return FacebookSandboxGraphApi.GraphError(190, "Invalid OAuth access token - Cannot parse access token", 400);
        // A slow Graph (a test of the app not waiting on it): the answer comes late, or never if the app gives up first.
        if (profiles.Delay is var delay && delay > TimeSpan.Zero) await Task.Delay(delay, request.HttpContext.RequestAborted);
        if (profiles.TakeFailure() is { } failure) return FacebookSandboxGraphApi.GraphError(failure, "Sandbox failure.", 400);
        if (await ReadObjectAsync(request) is not { } body) return FacebookSandboxGraphApi.GraphError(100, "(#100) The request body must be a JSON object.", 400);
        if (body.Count == 0) return FacebookSandboxGraphApi.GraphError(100, "(#100) Requires one of the params: " + string.Join(", ", Checked), 400);
        foreach (var (name, _) in body)
            if (!Known.Contains(name)) return FacebookSandboxGraphApi.GraphError(100, $"(#100) Param {name} is not a valid Messenger profile field", 400);

        var stored = profiles.Of(o.PageId);
        var problem = (body["get_started"] is { } g ? GetStartedProblem(g) : null)
            ?? (body["greeting"] is { } greeting ? GreetingProblem(greeting) : null)
            ?? (body["ice_breakers"] is { } ice ? IceBreakersProblem(ice) : null)
            ?? (body["persistent_menu"] is { } menu ? MenuProblem(menu) : null);
        if (problem is not null) return FacebookSandboxGraphApi.GraphError(100, "(#100) " + problem, 400);
        if (body.ContainsKey("persistent_menu") && !body.ContainsKey("get_started") && !stored.ContainsKey("get_started"))
            return FacebookSandboxGraphApi.GraphError(100, "(#100) You must set a Get Started button if you also wish to use persistent menu.", 400);

        profiles.Set(o.PageId, body);
        return TypedResults.Ok(new { result = "success" });
    }

    private static IResult Get([FromQuery] string? fields, [FromQuery(Name = "access_token")] string? token,
        MessengerProfiles profiles, IOptions<FacebookSandboxOptions> options)
    {
        var o = options.Value;
        if (token != o.PageToken) return FacebookSandboxGraphApi.GraphError(190, "Invalid OAuth access token - Cannot parse access token", 400);
        if (string.IsNullOrWhiteSpace(fields)) return FacebookSandboxGraphApi.GraphError(100, "(#100) The parameter fields is required", 400);
        var names = fields.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.FirstOrDefault(n => !Known.Contains(n)) is { } unknown)
            return FacebookSandboxGraphApi.GraphError(100, $"(#100) Param {unknown} is not a valid Messenger profile field", 400);
        var stored = profiles.Of(o.PageId);
        var found = new JsonObject();
        foreach (var name in names)
            if (stored.TryGetPropertyValue(name, out var value)) found[name] = value?.DeepClone();
        // Graph answers an empty data list when none of the asked fields is set.
        return TypedResults.Content(new JsonObject { ["data"] = found.Count == 0 ? new JsonArray() : new JsonArray(found) }.ToJsonString(),
            "application/json");
    }

    private static async Task<IResult> Delete(HttpRequest request, [FromQuery(Name = "access_token")] string? token,
        MessengerProfiles profiles, IOptions<FacebookSandboxOptions> options)
    {
        var o = options.Value;
        if (token != o.PageToken) return FacebookSandboxGraphApi.GraphError(190, "Invalid OAuth access token - Cannot parse access token", 400);
        var fields = await ReadObjectAsync(request) is { } body && body["fields"] is JsonArray list
            ? list.Select(f => f is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).ToList()
            : null;
        if (fields is not { Count: > 0 } || fields.Any(f => f is null))
            return FacebookSandboxGraphApi.GraphError(100, "(#100) param fields must be a non-empty array of field names", 400);
        if (fields.FirstOrDefault(f => !Known.Contains(f!)) is { } unknown)
            return FacebookSandboxGraphApi.GraphError(100, $"(#100) Param {unknown} is not a valid Messenger profile field", 400);
        var stored = profiles.Of(o.PageId);
        if (fields.Contains("get_started") && !fields.Contains("persistent_menu") && stored.ContainsKey("persistent_menu"))
            return FacebookSandboxGraphApi.GraphError(100, "(#100) The Get Started button cannot be deleted while a persistent menu is set.", 400);
        profiles.Delete(o.PageId, fields!);
        return TypedResults.Ok(new { result = "success" });
    }

    private static async Task<JsonObject?> ReadObjectAsync(HttpRequest request)
    {
        if (request.ContentLength is 0) return null;
        try
        {
            return await JsonNode.ParseAsync(request.Body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? GetStartedProblem(JsonNode node) =>
        node is JsonObject o && Text(o, "payload") is { Length: > 0 and <= MaxPayload } ? null
            : $"param get_started[payload] must be a string of 1 to {MaxPayload} characters";

    private static string? GreetingProblem(JsonNode node)
    {
        if (node is not JsonArray greetings || greetings.Count == 0) return "param greeting must be a non-empty array";
        var locales = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in greetings)
        {
            if (item is not JsonObject g || Text(g, "locale") is not { Length: > 0 } locale) return "each greeting needs a locale";
            if (!locales.Add(locale)) return $"greeting locale {locale} is given twice";
            if (Text(g, "text") is not { Length: > 0 } text) return "each greeting needs a text";
            if (text.Length > MaxGreeting) return $"Greeting text must be at most {MaxGreeting} characters (locale {locale} has {text.Length})";
        }
        return locales.Contains("default") ? null : "param greeting must include the default locale";
    }

    private static string? IceBreakersProblem(JsonNode node)
    {
        if (node is not JsonArray items || items.Count == 0) return "param ice_breakers must be a non-empty array";
        var newFormat = items.Any(i => i is JsonObject o && o.ContainsKey("call_to_actions"));
        if (!newFormat) return QuestionsProblem(items);
        if (items.Any(i => i is not JsonObject o || !o.ContainsKey("call_to_actions"))) return "ice_breakers mixes the existing and the new format";
        var locales = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items.Cast<JsonObject>())
        {
            if (Text(item, "locale") is not { Length: > 0 } locale) return "each ice_breakers entry needs a locale";
            if (!locales.Add(locale)) return $"ice_breakers locale {locale} is given twice";
            if (item["call_to_actions"] is not JsonArray questions) return "ice_breakers[call_to_actions] must be an array";
            if (QuestionsProblem(questions) is { } problem) return problem;
        }
        return locales.Contains("default") ? null : "param ice_breakers must include the default locale";
    }

    private static string? QuestionsProblem(JsonArray questions)
    {
        if (questions.Count is 0 or > MaxIceBreakers) return $"ice breakers must have 1 to {MaxIceBreakers} questions (got {questions.Count})";
        foreach (var q in questions)
        {
            if (q is not JsonObject o || Text(o, "question") is not { Length: > 0 and <= MaxQuestion })
                return $"each ice breaker question must be 1 to {MaxQuestion} characters";
            if (Text(o, "payload") is not { Length: > 0 and <= MaxPayload }) return $"each ice breaker payload must be 1 to {MaxPayload} characters";
        }
        return null;
    }

    private static string? MenuProblem(JsonNode node)
    {
        if (node is not JsonArray menus || menus.Count == 0) return "param persistent_menu must be a non-empty array";
        var locales = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in menus)
        {
            if (item is not JsonObject menu || Text(menu, "locale") is not { Length: > 0 } locale) return "each persistent_menu entry needs a locale";
            if (!locales.Add(locale)) return $"persistent_menu locale {locale} is given twice";
            if (menu["call_to_actions"] is not JsonArray buttons || buttons.Count is 0 or > MaxMenuItems)
                return $"persistent_menu[call_to_actions] must have 1 to {MaxMenuItems} buttons";
            foreach (var b in buttons)
            {
                if (b is not JsonObject button) return "each menu item must be an object";
                if (Text(button, "title") is not { Length: > 0 and <= MaxMenuTitle }) return $"menu item titles must be 1 to {MaxMenuTitle} characters";
                switch (Text(button, "type"))
                {
                    case "postback" when Text(button, "payload") is not { Length: > 0 and <= MaxPayload }:
                        return $"a postback menu item needs a payload of 1 to {MaxPayload} characters";
                    case "web_url" when !Uri.TryCreate(Text(button, "url"), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"):
                        return "a web_url menu item needs an http(s) url";
                    case "postback" or "web_url":
                        break;
                    default:
                        return "menu item type must be postback or web_url";
                }
            }
        }
        return locales.Contains("default") ? null : "param persistent_menu must include the default locale";
    }

    private static string? Text(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}

/// <summary>Each page's Messenger profile as the sandbox Graph API stored it, and every change made to it, in order.</summary>
public sealed class MessengerProfiles
{
    private readonly ConcurrentDictionary<string, JsonObject> _byPage = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>"POST" or "DELETE" with the page and the fields it touched, oldest first (the last 1000).</summary>
    public ConcurrentQueue<ProfileChange> Changes { get; } = new();

    private readonly Queue<int> _failures = new();

    /// <summary>The next <c>POST</c> fails with Graph error <paramref name="code"/> (a test of a refused profile).</summary>
    public void FailNext(int code)
    {
        lock (_gate) _failures.Enqueue(code);
    }

    /// <summary>How long each <c>POST</c> takes before it is answered (zero, the default: at once), as when Graph is slow.</summary>
    public TimeSpan Delay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _delayTicks));
        set => Interlocked.Exchange(ref _delayTicks, value.Ticks);
    }

    private long _delayTicks;

    internal int? TakeFailure()
    {
        lock (_gate) return _failures.TryDequeue(out var code) ? code : null;
    }

    /// <summary>A copy of the page's stored fields (empty when none is set).</summary>
    public JsonObject Of(string pageId)
    {
        lock (_gate) return _byPage.TryGetValue(pageId, out var p) ? (JsonObject)p.DeepClone() : [];
    }

    internal void Set(string pageId, JsonObject fields)
    {
        lock (_gate)
        {
            var profile = _byPage.GetOrAdd(pageId, _ => []);
            foreach (var (name, value) in fields) profile[name] = value?.DeepClone();
            Record(new ProfileChange("POST", pageId, fields.Select(f => f.Key).ToList()));
        }
    }

    internal void Delete(string pageId, IReadOnlyList<string> fields)
    {
        lock (_gate)
        {
            if (_byPage.TryGetValue(pageId, out var profile))
                foreach (var name in fields) profile.Remove(name);
            Record(new ProfileChange("DELETE", pageId, fields));
        }
    }

    private void Record(ProfileChange change)
    {
        Changes.Enqueue(change);
        while (Changes.Count > 1000 && Changes.TryDequeue(out _)) { }
    }
}

public sealed record ProfileChange(string Method, string PageId, IReadOnlyList<string> Fields);
