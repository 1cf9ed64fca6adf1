using Microsoft.EntityFrameworkCore;
using SalesBot.Assistant;
using SalesBot.Data;
using SalesBot.Insights;
using SalesBot.Shopify.Auth;

namespace SalesBot.Facebook;

/// <summary>
/// A comment on the page's post that asks about a product or price gets one private reply: the assistant's answer,
/// sent to <c>recipient: {comment_id}</c> within Meta's rules (one per comment, within 7 days of it; here also one per
/// person per post). The person's answer arrives as an ordinary message and continues as a normal conversation, which
/// already holds the reply. Everything else is left alone.
/// </summary>
public sealed class CommentReplier(
    PageStore pages,
    CatalogProvider catalogs,
    ConversationStore conversations,
    IShopAssistant assistant,
    ShopInstallState installs,
    ConversationPolicy policies,
    SendApiClient send,
    InsightsRecorder insights,
    CommentReplyClaims claims,
    TimeProvider time,
    ILogger<CommentReplier> logger)
{
    /// <summary>Meta's private-reply window: a comment may be answered privately within 7 days of its creation.</summary>
    public static readonly TimeSpan ReplyWindow = TimeSpan.FromDays(7);

    public async Task HandleAsync(MessengerEvent e, CancellationToken cancellationToken)
    {
        var commentId = FeedCommentParser.CommentId(e);
        var createdAt = DateTimeOffset.FromUnixTimeMilliseconds(e.Timestamp);
        if (time.GetUtcNow() - createdAt >= ReplyWindow)
        {
            logger.LogInformation("Comment on page {PageId} is older than 7 days; no private reply", e.PageId);
            return;
        }
        var page = await pages.GetAsync(e.PageId, cancellationToken);
        if (page is null) return;
        var policy = await policies.ForAsync(page, cancellationToken);
        if (!policy.BotOn || await installs.IsUninstalledAsync(page.Shop, cancellationToken)) return;
        var catalog = await catalogs.GetAsync(page.Shop, cancellationToken);
        if (catalog is null || !CommentQuestion.AsksAboutProducts(catalog, e.Text))
        {
            logger.LogDebug("Comment on page {PageId} asks nothing about products; left alone", e.PageId);
            return;
        }
        if (await claims.ClaimAsync(e.PageId, commentId, e.Payload ?? "", e.Psid, cancellationToken) is not { } claim)
        {
            logger.LogInformation("Comment on page {PageId}: this comment or this person on this post already had its private reply", e.PageId);
            return;
        }

        var text = e.Text ?? "";
        var reply = await assistant.ReplyAsync(new AssistantRequest(catalog, text, null, [], MayPromote: true, policy.SharedCodes), cancellationToken);
        // Shaped as a first reply: it opens the conversation, so it carries the greeting and the automated-assistant line.
        reply = policy.Shape(reply, [], catalog.Shop.Name, text);
        var message = PrivateReplyMessage.From(reply);
        var (result, psid) = await send.SendPrivateReplyAsync(page.Token, commentId, message, cancellationToken);
        await claims.RecordOutcomeAsync(claim, result, psid);
        if (result == SendResult.TokenRejected) await pages.MarkDisconnectedAsync(page.PageId, cancellationToken);
        if (result != SendResult.Sent)
        {
            logger.LogWarning("Private reply on page {PageId} not delivered: {Result}", e.PageId, result);
            return;
        }
        await insights.BotMessageAsync(page.Shop, page.PageId, 0, cancellationToken);
        if (psid is not null)
            await conversations.AppendAsync(new ConversationKey(page.PageId, psid), "assistant", message.Text, cancellationToken);
        logger.LogInformation("Private reply sent for a comment on page {PageId}", e.PageId);
    }
}
