using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using SalesBot.Assistant.Settings;
using SalesBot.Facebook;
using SalesBot.Sandbox.Facebook;

namespace SalesBot.Tests.Sandbox;

/// <summary>
/// The sandbox's <c>/me/messenger_profile</c> over real HTTP refuses what Meta refuses, with Graph's error envelope
/// (code 100), and stores nothing then; a valid profile is stored per page, read back with <c>fields</c> and deleted by field.
/// </summary>
public sealed class SandboxMessengerProfileTests : IAsyncLifetime
{
    private FacebookSandboxServer _facebook = null!;
    private HttpClient _http = null!;
    private string Endpoint => $"{_facebook.GraphOrigin}/{FacebookSandboxExtensions.GraphVersion}/me/messenger_profile?access_token=sandbox-page-token";

    public async Task InitializeAsync()
    {
        _facebook = await FacebookSandboxServer.StartAsync();
        _http = new HttpClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _facebook.DisposeAsync();
    }

    /// <summary>The app's own profile, as it posts it; each refusal case changes one thing in it.</summary>
    private static JsonObject AppProfile() =>
        JsonSerializer.SerializeToNode(MessengerProfileBuilder.For(ShopAssistantSettings.Defaults), SendApiJson.Options)!.AsObject();

    [Fact]
    public async Task The_apps_profile_is_stored_read_back_and_deleted_by_field()
    {
        using (var set = await _http.PostAsJsonAsync(Endpoint, AppProfile()))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
            Assert.Equal("success", (await set.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result").GetString());
        }
        var read = await _http.GetFromJsonAsync<JsonObject>(Endpoint + "&fields=greeting,get_started");
        var data = Assert.Single(read!["data"]!.AsArray())!.AsObject();
        Assert.True(JsonNode.DeepEquals(AppProfile()["greeting"], data["greeting"]));
        Assert.Equal(["get_started", "greeting"], data.Select(f => f.Key).Order());

        // The Get Started button cannot go while the menu that needs it stays.
        using (var early = await DeleteAsync("get_started")) await AssertRefusedAsync(early, "persistent menu");
        using (var gone = await DeleteAsync([.. MessengerProfile.Fields])) Assert.Equal(HttpStatusCode.OK, gone.StatusCode);
        Assert.Empty(_facebook.Profiles.Of("sandbox-page"));
        var empty = await _http.GetFromJsonAsync<JsonObject>(Endpoint + "&fields=greeting");
        Assert.Empty(empty!["data"]!.AsArray());
    }

    public static TheoryData<string, string> OutOfLimits => new()
    {
        { "five ice breakers", "1 to 4 questions" },
        { "a 161-character greeting", "at most 160 characters" },
        { "a menu without get started", "Get Started button" },
        { "no default greeting locale", "default locale" },
        { "a 31-character menu title", "1 to 30 characters" },
        { "a 1001-character payload", "1 to 1000 characters" },
        { "21 menu items", "1 to 20 buttons" },
        { "an unknown field", "not a valid Messenger profile field" },
    };

    [Theory]
    [MemberData(nameof(OutOfLimits))]
    public async Task An_out_of_limit_profile_is_refused_and_nothing_is_stored(string change, string reason)
    {
        var profile = AppProfile();
        switch (change)
        {
            case "five ice breakers":
                var questions = profile["ice_breakers"]![0]!["call_to_actions"]!.AsArray();
                questions.Add(new JsonObject { ["question"] = "One more?", ["payload"] = "MORE" });
                Assert.Equal(5, questions.Count);
                break;
            case "a 161-character greeting":
                profile["greeting"]![0]!["text"] = new string('a', 161);
                break;
            case "a menu without get started":
                profile.Remove("get_started");
                break;
            case "no default greeting locale":
                profile["greeting"]![0]!["locale"] = "en_US";
                break;
            case "a 31-character menu title":
                profile["persistent_menu"]![0]!["call_to_actions"]![0]!["title"] = new string('t', 31);
                break;
            case "a 1001-character payload":
                profile["get_started"]!["payload"] = new string('p', 1001);
                break;
            case "21 menu items":
                var items = profile["persistent_menu"]![0]!["call_to_actions"]!.AsArray();
                while (items.Count < 21) items.Add(new JsonObject { ["type"] = "postback", ["title"] = $"Item {items.Count}", ["payload"] = "X" });
                break;
            case "an unknown field":
                profile["home_screen_banner"] = "hello";
                break;
        }

        using var response = await _http.PostAsJsonAsync(Endpoint, profile);
        await AssertRefusedAsync(response, reason);
        Assert.Empty(_facebook.Profiles.Of("sandbox-page"));
    }

    [Fact]
    public async Task Another_token_is_refused_with_190()
    {
        using var response = await _http.PostAsJsonAsync(Endpoint.Replace("sandbox-page-token", "stranger"), AppProfile());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(190, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetInt32());
    }

    private Task<HttpResponseMessage> DeleteAsync(params string[] fields) =>
        _http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, Endpoint) { Content = JsonContent.Create(new { fields }) });

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string reason)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Equal(100, error.GetProperty("code").GetInt32());
        Assert.Contains(reason, error.GetProperty("message").GetString());
    }
}
