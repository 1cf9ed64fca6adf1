using Microsoft.AspNetCore.Components;
using SalesBot.Facebook;
using SalesBot.MerchantConsole.Components;
using SalesBot.MerchantConsole.Inbox;

namespace SalesBot.MerchantConsole.Pages;

/// <summary>
/// The inbox: the shop's conversations and one open conversation with its forms (take over, hand back, reply as a person).
/// Every read and change goes through <see cref="ConversationInbox"/> with the session's shop.
/// </summary>
public partial class Inbox
{
    [Inject] public ConversationInbox InboxService { get; set; } = default!;
    [Inject] public NavigationManager Navigation { get; set; } = default!;
    [Inject] public TimeProvider Time { get; set; } = default!;

    [Parameter] public string? PageId { get; set; }
    [Parameter] public string? Psid { get; set; }

    [SupplyParameterFromForm(FormName = "reply")] public string? ReplyText { get; set; }

    private IReadOnlyList<ConversationSummary> conversations = [];
    private ConversationView? view;
    private bool notFound;
    private string? replyError;

    private ConversationKey? SelectedKey => PageId is not null && Psid is not null ? new ConversationKey(PageId, Psid) : null;
    private DateTimeOffset Now => Time.GetUtcNow();

    private static readonly IReadOnlyDictionary<string, string> Outcomes = new Dictionary<string, string>
    {
        ["took-over"] = "You have the conversation: the bot stays quiet until you hand it back.",
        ["handed-back"] = "Handed back: the bot answers the shopper's next message.",
        ["sent"] = "Reply sent.",
        ["sent-tagged"] = "Reply sent with Meta's HUMAN_AGENT tag (more than 24 hours since the shopper wrote).",
        ["window-closed"] = "Not sent: the shopper last wrote more than 7 days ago, and Messenger allows no reply until they write again.",
        ["refused-window"] = "Not sent: Messenger refused it as outside the allowed messaging window.",
        ["page-disconnected"] = "Not sent: the page is disconnected (Facebook rejected its token). Connect it again on the Pages section.",
        ["unreachable"] = "Not sent: the shopper cannot be reached on Messenger any more (they may have blocked the page).",
        ["failed"] = "Not sent: Messenger did not accept the message. Try again in a moment.",
    };

    protected override async Task OnInitializedAsync()
    {
        // The open conversation first: reading it marks it read, which the list then shows.
        if (SelectedKey is { } key)
        {
            view = IsPlausible(key) ? await InboxService.GetAsync(Shop, key, RequestAborted) : null;
            if (view is null)
            {
                // Another shop's conversation looks exactly like one that does not exist: 404, the console's not-found page.
                notFound = true;
                Navigation.NotFound();
                return;
            }
        }
        conversations = await InboxService.ListAsync(Shop, RequestAborted);
    }

    private static bool IsPlausible(ConversationKey key) => key.PageId.Length <= 64 && key.Psid.Length <= 64;

    private async Task TakeOverAsync()
    {
        if (SelectedKey is not { } key || notFound) return;
        if (await InboxService.TakeOverAsync(Shop, key, RequestAborted)) Done(key, "done=took-over");
    }

    private async Task HandBackAsync()
    {
        if (SelectedKey is not { } key || notFound) return;
        if (await InboxService.HandBackAsync(Shop, key, RequestAborted)) Done(key, "done=handed-back");
    }

    private async Task ReplyAsync()
    {
        if (SelectedKey is not { } key || notFound) return;
        var outcome = await InboxService.ReplyAsPersonAsync(Shop, key, ReplyText, RequestAborted);
        switch (outcome)
        {
            case ReplyOutcome.Empty:
                replyError = "Write something to send.";
                return;
            case ReplyOutcome.TooLong:
                replyError = $"Messenger takes at most {OutgoingMessage.MaxTextLength} characters in one message; this one has {ReplyText?.Trim().Length}.";
                return;
            case ReplyOutcome.NotFound:
                notFound = true;
                Navigation.NotFound();
                return;
        }
        Done(key, outcome switch
        {
            ReplyOutcome.Sent => "done=sent",
            ReplyOutcome.SentWithHumanAgentTag => "done=sent-tagged",
            ReplyOutcome.WindowClosed => "error=window-closed",
            ReplyOutcome.RefusedOutsideWindow => "error=refused-window",
            ReplyOutcome.PageDisconnected => "error=page-disconnected",
            ReplyOutcome.Unreachable => "error=unreachable",
            _ => "error=failed",
        });
    }

    /// <summary>Post, redirect, get: the outcome travels as a code the Notice knows.</summary>
    private void Done(ConversationKey key, string outcome) =>
        Navigation.NavigateTo(InboxLinks.Conversation(key.PageId, key.Psid) + "?" + outcome);

    private string StateExplained(ConversationSummary c) => c.State switch
    {
        HandoffState.Waiting when c.QuietUntil is { } until => $"The shopper asked for a person. The bot is quiet for {Display.Span(until - Now)} more.",
        HandoffState.Waiting => "The shopper asked for a person. The bot answers again meanwhile; reply or hand back to clear this.",
        HandoffState.Person => "You have this conversation: the bot stays quiet until you hand it back.",
        HandoffState.Paused when c.QuietUntil is { } until => $"A page admin replied from Meta's Page inbox. The bot resumes by itself in {Display.Span(until - Now)}.",
        _ => "The bot is answering.",
    };

    private string WindowExplained => view!.Window switch
    {
        MessagingWindow.Standard => $"Within 24 h of the shopper's last message: sent as a normal reply (window closes in {Display.Span(view.WindowClosesAt!.Value - Now)}).",
        MessagingWindow.HumanAgent => $"More than 24 h since the shopper wrote: sent with Meta's HUMAN_AGENT tag, allowed for 7 days (closes in {Display.Span(view.WindowClosesAt!.Value - Now)}).",
        _ => "More than 7 days since the shopper wrote: Messenger allows no reply until they write again.",
    };

    private string WindowTone => view!.Window switch
    {
        MessagingWindow.Standard => "ok",
        MessagingWindow.HumanAgent => "warn",
        _ => "bad",
    };
}
