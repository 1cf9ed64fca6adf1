using System.Net.Http.Json;
using System.Text.Json;

namespace SalesBot.Facebook;

/// <summary>
/// The Messenger Send API as a typed HttpClient. Transport failures are retried by the standard
/// resilience handler; Graph's own rate limit (error 613, sent as HTTP 400) is retried here with
/// exponential backoff because only the body tells it apart from a permanent 400.
/// </summary>
public sealed class SendApiClient(HttpClient http, FacebookApp app, SendApiRetry retry, TimeProvider time, ILogger<SendApiClient> logger)
{
    public Task<SendResult> SendMessageAsync(string pageToken, string psid, OutgoingMessage message, CancellationToken cancellationToken) =>
        SendAsync(pageToken, new SendRequest(new SendRecipient(psid), "RESPONSE", message, null), cancellationToken);

    /// <summary>
    /// A reply a person typed in the console: <c>RESPONSE</c> inside the standard window, <c>MESSAGE_TAG</c> + <c>HUMAN_AGENT</c>
    /// after it (see <see cref="MessagingWindow"/>). The caller refuses a closed window before calling.
    /// </summary>
    public Task<SendResult> SendAsPersonAsync(string pageToken, string psid, string text, MessagingWindow window, CancellationToken cancellationToken) =>
        window switch
        {
            MessagingWindow.Standard => SendAsync(pageToken, new SendRequest(new SendRecipient(psid), "RESPONSE", new OutgoingMessage(text), null), cancellationToken),
            MessagingWindow.HumanAgent => SendAsync(pageToken, new SendRequest(new SendRecipient(psid), "MESSAGE_TAG", new OutgoingMessage(text), null, "HUMAN_AGENT"), cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(window), window, "Nothing may be sent after the 7-day window."),
        };

    /// <summary><c>mark_seen</c>, <c>typing_on</c>, <c>typing_off</c>: sent alone, as Meta requires.</summary>
    public Task<SendResult> SendActionAsync(string pageToken, string psid, string action, CancellationToken cancellationToken) =>
        SendAsync(pageToken, new SendRequest(new SendRecipient(psid), null, null, action), cancellationToken);

    /// <summary>
    /// A private reply: one message to the person behind a comment, <c>recipient: {comment_id}</c> (Messenger Platform,
    /// "Private Replies": one per comment, within 7 days of it). Answers the PSID Meta opened the conversation under.
    /// </summary>
    public async Task<(SendResult Result, string? Psid)> SendPrivateReplyAsync(string pageToken, string commentId, OutgoingMessage message, CancellationToken cancellationToken)
    {
        var (result, response) = await SendCoreAsync(pageToken, new SendRequest(new SendRecipient(null, commentId), "RESPONSE", message, null), cancellationToken);
        return (result, response?.RecipientId);
    }

    private async Task<SendResult> SendAsync(string pageToken, SendRequest request, CancellationToken cancellationToken) =>
        (await SendCoreAsync(pageToken, request, cancellationToken)).Result;

    private async Task<(SendResult Result, SendResponse? Response)> SendCoreAsync(string pageToken, SendRequest request, CancellationToken cancellationToken)
    {
        // The token goes in the query as Meta documents; the URI is never logged.
        var uri = new Uri(app.GraphBase, "me/messages?access_token=" + Uri.EscapeDataString(pageToken));
        for (var attempt = 1; ; attempt++)
        {
            GraphError? error;
            try
            {
                using var response = await http.PostAsJsonAsync(uri, request, SendApiJson.Options, cancellationToken);
                if (response.IsSuccessStatusCode) return (SendResult.Sent, await ReadResponseAsync(response, cancellationToken));
                error = await ReadErrorAsync(response, cancellationToken);
                logger.LogWarning("Send API refused a message: HTTP {Status}, code {Code}/{Subcode}, trace {Trace}",
                    (int)response.StatusCode, error?.Code, error?.ErrorSubcode, error?.FbtraceId);
            }
            catch (HttpRequestException e)
            {
                logger.LogWarning("Send API unreachable: {Error}", e.Message);
                return (SendResult.Failed, null);
            }

            switch (error?.Code)
            {
                case 613 or 4 or 32 when attempt < retry.MaxAttempts:
                    await Task.Delay(retry.DelayFor(attempt), time, cancellationToken);
                    continue;
                case 613 or 4 or 32:
                    return (SendResult.RateLimited, null);
                case 190:
                    return (SendResult.TokenRejected, null);
                case 551:
                    return (SendResult.Unreachable, null);
                case 10 when error?.ErrorSubcode == 2018278:
                    return (SendResult.OutsideWindow, null);
                case 10 when error?.ErrorSubcode == ThreadControlClient.AnotherAppOwnsThreadSubcode:
                    return (SendResult.NotThreadOwner, null);
                default:
                    return (SendResult.Failed, null);
            }
        }
    }

    private static async Task<SendResponse?> ReadResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<SendResponse>(SendApiJson.Options, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static async Task<GraphError?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var envelope = await response.Content.ReadFromJsonAsync<GraphErrorEnvelope>(SendApiJson.Options, cancellationToken);
            return envelope?.Error;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>Backoff for Graph rate limits: <see cref="BaseDelay"/> doubled per attempt.</summary>
public sealed record SendApiRetry(int MaxAttempts, TimeSpan BaseDelay)
{
    public static readonly SendApiRetry Default = new(4, TimeSpan.FromSeconds(1));

    public TimeSpan DelayFor(int attempt) => BaseDelay * Math.Pow(2, attempt - 1);
}
