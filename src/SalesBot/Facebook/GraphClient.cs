using System.Net.Http.Json;
using System.Text.Json;

namespace SalesBot.Facebook;

/// <summary>The Graph API calls page connect needs: code exchange, the user's pages, page subscription, the Messenger profile.</summary>
public sealed class GraphClient(HttpClient http, FacebookApp app)
{
    /// <summary>
    /// Conversation Routing needs <c>messaging_handovers</c> (thread passed back) and <c>standby</c> (messages while the Page
    /// Inbox has the thread); <c>feed</c> brings comments on the page's posts (Meta's "Webhooks for Pages":
    /// pages_manage_metadata and pages_show_list).
    /// </summary>
    public const string SubscribedFields = "messages,messaging_postbacks,message_echoes,messaging_handovers,standby,feed";

    public async Task<string> ExchangeCodeAsync(string code, CancellationToken cancellationToken)
    {
        var uri = new Uri(app.GraphBase, "oauth/access_token?" + Query(
            ("client_id", app.AppId), ("client_secret", app.AppSecret), ("redirect_uri", app.CallbackUrl), ("code", code)));
        var token = await GetAsync<TokenResponse>(uri, cancellationToken);
        return token.AccessToken ?? throw new GraphException("The code exchange returned no access token.");
    }

    public async Task<IReadOnlyList<GraphPage>> ListPagesAsync(string userToken, CancellationToken cancellationToken)
    {
        var uri = new Uri(app.GraphBase, "me/accounts?" + Query(("fields", "id,name,access_token"), ("access_token", userToken)));
        var pages = await GetAsync<PageList>(uri, cancellationToken);
        return pages.Data ?? [];
    }

    public async Task SubscribeAsync(string pageId, string pageToken, CancellationToken cancellationToken)
    {
        var uri = new Uri(app.GraphBase, Uri.EscapeDataString(pageId) + "/subscribed_apps?" +
            Query(("subscribed_fields", SubscribedFields), ("access_token", pageToken)));
        using var response = await http.PostAsync(uri, null, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>
    /// The Instagram professional account linked to the page: <c>GET /{page-id}?fields=instagram_business_account{id,username}</c>
    /// with the page token (Instagram Platform, "Instagram API with Facebook Login": the page's <c>instagram_business_account</c>
    /// field; needs instagram_basic). Null when the page has none linked (the field is absent).
    /// </summary>
    public async Task<InstagramAccount?> GetInstagramAccountAsync(string pageId, string pageToken, CancellationToken cancellationToken)
    {
        var uri = new Uri(app.GraphBase, Uri.EscapeDataString(pageId) + "?" +
            Query(("fields", "instagram_business_account{id,username}"), ("access_token", pageToken)));
        var page = await GetAsync<PageWithInstagram>(uri, cancellationToken);
        return page.InstagramBusinessAccount is { Id: { Length: > 0 } id } ig ? new InstagramAccount(id, ig.Username) : null;
    }

    /// <summary>
    /// Removes the app from the page's webhooks: Graph's <c>DELETE /{page-id}/subscribed_apps</c> with the page token
    /// (developers.facebook.com/docs/graph-api/reference/page/subscribed_apps, "Deleting"; answers <c>{"success":true}</c>).
    /// </summary>
    public async Task UnsubscribeAsync(string pageId, string pageToken, CancellationToken cancellationToken)
    {
        var uri = new Uri(app.GraphBase, Uri.EscapeDataString(pageId) + "/subscribed_apps?" + Query(("access_token", pageToken)));
        using var response = await http.DeleteAsync(uri, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>
    /// <c>POST /me/messenger_profile</c> with the page token (developers.facebook.com/docs/messenger-platform/reference/messenger-profile-api):
    /// sets the fields given, leaving the others as they are; answers <c>{"result":"success"}</c>.
    /// </summary>
    public async Task SetMessengerProfileAsync(string pageToken, MessengerProfile profile, CancellationToken cancellationToken)
    {
        var uri = new Uri(app.GraphBase, "me/messenger_profile?" + Query(("access_token", pageToken)));
        using var response = await http.PostAsJsonAsync(uri, profile, SendApiJson.Options, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary><c>DELETE /me/messenger_profile</c> with <c>{"fields":[…]}</c>: those properties are removed from the page.</summary>
    public async Task DeleteMessengerProfileAsync(string pageToken, IReadOnlyList<string> fields, CancellationToken cancellationToken)
    {
        var uri = new Uri(app.GraphBase, "me/messenger_profile?" + Query(("access_token", pageToken)));
        using var request = new HttpRequestMessage(HttpMethod.Delete, uri) { Content = JsonContent.Create(new { fields }, options: SendApiJson.Options) };
        using var response = await http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    private async Task<T> GetAsync<T>(Uri uri, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(uri, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(SendApiJson.Options, cancellationToken)
            ?? throw new GraphException("Graph API returned an empty body.");
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        GraphError? error = null;
        try
        {
            error = (await response.Content.ReadFromJsonAsync<GraphErrorEnvelope>(SendApiJson.Options, cancellationToken))?.Error;
        }
        catch (JsonException)
        {
            // Not Graph's envelope: the status code alone describes the failure.
        }
        throw new GraphException($"Graph API error: HTTP {(int)response.StatusCode}, code {error?.Code}: {error?.Message}", error?.Code);
    }

    private static string Query(params (string Key, string Value)[] pairs) =>
        string.Join('&', pairs.Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value)));

    private sealed record TokenResponse(string? AccessToken);

    private sealed record PageList(IReadOnlyList<GraphPage>? Data);

    private sealed record PageWithInstagram(string? Id, InstagramBusinessAccountField? InstagramBusinessAccount);

    private sealed record InstagramBusinessAccountField(string? Id, string? Username);
}

public sealed record GraphPage(string Id, string Name, string AccessToken);

public sealed class GraphException(string message, int? code = null) : Exception(message)
{
    /// <summary>Graph's error code (190: the token is no longer valid), when the answer carried one.</summary>
    public int? Code { get; } = code;
}
