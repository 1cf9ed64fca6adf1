using System.Net.Http.Json;

namespace SalesBot.Facebook;

/// <summary>
/// Conversation Routing (formerly the Handover Protocol) over the Graph API: <c>POST /me/pass_thread_control</c>
/// {recipient, target_app_id, metadata} and <c>POST /me/take_thread_control</c> {recipient, metadata}, both answering
/// <c>{"success":true}</c> (developers.facebook.com/docs/messenger-platform/handover-protocol/pass-thread-control,
/// /reference/handover-protocol). While another app controls a thread, the Send API refuses with error 10, subcode 2018300.
/// </summary>
public sealed class ThreadControlClient(HttpClient http, FacebookApp app, ILogger<ThreadControlClient> logger)
{
    /// <summary>Meta's Page Inbox app: passing the thread to it puts the conversation in the page's inbox for a person.</summary>
    public const string PageInboxAppId = "263902037430900";

    /// <summary>"(#10) Message failed to send because another app is controlling this thread now."</summary>
    public const int AnotherAppOwnsThreadSubcode = 2018300;

    /// <summary>Meta's cap on the metadata string passed along with the thread.</summary>
    public const int MaxMetadata = 1000;

    public Task<ThreadControlResult> PassToPageInboxAsync(string pageToken, string psid, string metadata, CancellationToken cancellationToken) =>
        PostAsync("me/pass_thread_control", pageToken, new PassRequest(new SendRecipient(psid), long.Parse(PageInboxAppId), Cap(metadata)), cancellationToken);

    public Task<ThreadControlResult> TakeAsync(string pageToken, string psid, string metadata, CancellationToken cancellationToken) =>
        PostAsync("me/take_thread_control", pageToken, new TakeRequest(new SendRecipient(psid), Cap(metadata)), cancellationToken);

    private async Task<ThreadControlResult> PostAsync<T>(string path, string pageToken, T body, CancellationToken cancellationToken)
    {
        var uri = new Uri(app.GraphBase, path + "?access_token=" + Uri.EscapeDataString(pageToken));
        try
        {
            using var response = await http.PostAsJsonAsync(uri, body, SendApiJson.Options, cancellationToken);
            if (response.IsSuccessStatusCode) return ThreadControlResult.Done;
            var error = await SendApiClient.ReadErrorAsync(response, cancellationToken);
            logger.LogWarning("Graph refused {Path}: HTTP {Status}, code {Code}/{Subcode}, trace {Trace}",
                path, (int)response.StatusCode, error?.Code, error?.ErrorSubcode, error?.FbtraceId);
            return error?.Code == 190 ? ThreadControlResult.TokenRejected : ThreadControlResult.Refused;
        }
        catch (HttpRequestException e)
        {
            logger.LogWarning("Graph unreachable for {Path}: {Error}", path, e.Message);
            return ThreadControlResult.Failed;
        }
    }

    private static string Cap(string metadata) => metadata.Length <= MaxMetadata ? metadata : metadata[..MaxMetadata];

    /// <summary>Meta documents <c>target_app_id</c> as an integer.</summary>
    private sealed record PassRequest(SendRecipient Recipient, long TargetAppId, string Metadata);

    private sealed record TakeRequest(SendRecipient Recipient, string Metadata);
}

public enum ThreadControlResult
{
    Done,
    /// <summary>Graph said no: the page does not route to the Page Inbox, the app does not own the thread, and so on.</summary>
    Refused,
    TokenRejected,
    Failed,
}
