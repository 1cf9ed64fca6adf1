using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SalesBot.Assistant;
using SalesBot.Assistant.Memory;
using SalesBot.Configuration;
using SalesBot.Insights;
using SalesBot.Data;
using SalesBot.Signing;

namespace SalesBot.Facebook;

/// <summary>
/// Meta's data deletion callback: a <c>signed_request</c> naming a user, verified with the app secret, erases that
/// person's conversations, received events and handoff pauses before answering with a status URL and a code.
/// <para>
/// Which id: Meta sends the app-scoped user id, Messenger gives the bot page-scoped ids (PSIDs), and the two differ
/// for the same person; mapping one to the other needs Graph API calls (<c>ids_for_pages</c>) the app does not make.
/// So the id is treated as a sender id and matched against the PSIDs of every page: it erases what is stored under
/// exactly that id, which covers a user whose PSID Meta sends, and for anyone else deletes nothing and says so (the
/// status lists zero rows), rather than guessing at someone else's conversation.
/// </para>
/// </summary>
public sealed class DataDeletion(
    FacebookApp app,
    ConversationStore conversations,
    ConversationMemoryStore memories,
    PageStore pages,
    InsightsRecorder insights,
    CommentReplyClaims commentReplies,
    IDbContextFactory<SalesBotDbContext> dbFactory,
    IOptions<AppOptions> appOptions,
    TimeProvider time,
    ILogger<DataDeletion> logger)
{
    private readonly MetaSignedRequest _signedRequest = new(app.AppSecret);

    public async Task<DataDeletionOutcome> HandleAsync(string? signedRequest, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(signedRequest))
            return DataDeletionOutcome.Refused(400, "The form field signed_request is missing.");
        if (_signedRequest.Verify(signedRequest) is not { } payload)
        {
            logger.LogWarning("Data deletion request refused: bad signed_request signature");
            return DataDeletionOutcome.Refused(401, "The signed_request signature is invalid.");
        }
        if (ReadUserId(payload) is not { } userId)
            return DataDeletionOutcome.Refused(400, "The signed_request payload must have algorithm HMAC-SHA256 and a user_id.");

        // The assistant's memory of each conversation goes too: under the keys of every page the id wrote to, and of every connected page.
        var keys = (await conversations.ConversationsOfShopperAsync(userId, cancellationToken)).Select(k => k.MemoryKey)
            .Concat((await pages.AllPageIdsAsync(cancellationToken)).Select(page => new ConversationKey(page, userId).MemoryKey))
            .ToHashSet(StringComparer.Ordinal);
        await memories.EraseAsync(keys, cancellationToken);
        var erased = await conversations.EraseShopperAsync(userId, cancellationToken);
        // Insights keeps counts per page and day only, plus today's hashed "already counted" marker of this id.
        await insights.EraseShopperAsync(userId, cancellationToken);
        await commentReplies.EraseCommenterAsync(userId, cancellationToken);
        var code = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            db.DataDeletionRequests.Add(new DataDeletionRequest
            {
                ConfirmationCode = code, DeletedAt = time.GetUtcNow(),
                Messages = erased.Messages, Events = erased.Events, Pauses = erased.Pauses,
            });
            await db.SaveChangesAsync(cancellationToken);
        }
        logger.LogInformation("Data deletion {Code}: {Messages} messages, {Events} events, {Pauses} pauses erased",
            code, erased.Messages, erased.Events, erased.Pauses);
        return new DataDeletionOutcome(200, null, new DataDeletionAnswer(StatusUrl(code), code));
    }

    public async Task<DataDeletionStatus?> StatusAsync(string code, CancellationToken cancellationToken)
    {
        if (code.Length > 64) return null;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.DataDeletionRequests.AsNoTracking().FirstOrDefaultAsync(r => r.ConfirmationCode == code, cancellationToken);
        if (row is null) return null;
        var total = row.Messages + row.Events + row.Pauses;
        var message = total == 0
            ? "Your request was processed: this app held no Messenger conversation stored under the id Facebook sent, so there was nothing to delete."
            : $"Your request was processed: {row.Messages} conversation messages, {row.Events} received Messenger events and {row.Pauses} handoff records were deleted.";
        return new DataDeletionStatus(row.ConfirmationCode, "completed", row.DeletedAt, message,
            new DataDeletionCounts(row.Messages, row.Events, row.Pauses));
    }

    private string StatusUrl(string code) => $"{appOptions.Value.BaseUrlTrimmed}/facebook/data-deletion/{code}";

    /// <summary>The user id of a payload signed with HMAC-SHA256; Meta sends it as a string, numbers are accepted too.</summary>
    private static string? ReadUserId(byte[] payload)
    {
        try
        {
            using var json = JsonDocument.Parse(payload);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("algorithm", out var algorithm) || algorithm.ValueKind != JsonValueKind.String
                || !string.Equals(algorithm.GetString(), "HMAC-SHA256", StringComparison.OrdinalIgnoreCase)
                || !root.TryGetProperty("user_id", out var user))
                return null;
            var id = user.ValueKind switch
            {
                JsonValueKind.String => user.GetString(),
                JsonValueKind.Number => user.GetRawText(),
                _ => null,
            };
            return id is { Length: > 0 and <= 64 } ? id : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

public sealed record DataDeletionOutcome(int StatusCode, string? Error, DataDeletionAnswer? Answer)
{
    public static DataDeletionOutcome Refused(int status, string error) => new(status, error, null);
}

/// <summary>What Meta expects back: where the user can read the status, and a confirmation code.</summary>
public sealed record DataDeletionAnswer(
    [property: System.Text.Json.Serialization.JsonPropertyName("url")] string Url,
    [property: System.Text.Json.Serialization.JsonPropertyName("confirmation_code")] string ConfirmationCode);

public sealed record DataDeletionStatus(
    [property: System.Text.Json.Serialization.JsonPropertyName("confirmation_code")] string ConfirmationCode,
    [property: System.Text.Json.Serialization.JsonPropertyName("status")] string Status,
    [property: System.Text.Json.Serialization.JsonPropertyName("deleted_at")] DateTimeOffset DeletedAt,
    [property: System.Text.Json.Serialization.JsonPropertyName("message")] string Message,
    [property: System.Text.Json.Serialization.JsonPropertyName("deleted")] DataDeletionCounts Deleted);

public sealed record DataDeletionCounts(
    [property: System.Text.Json.Serialization.JsonPropertyName("messages")] int Messages,
    [property: System.Text.Json.Serialization.JsonPropertyName("events")] int Events,
    [property: System.Text.Json.Serialization.JsonPropertyName("pauses")] int Pauses);
