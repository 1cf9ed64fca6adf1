namespace SalesBot.Facebook;

/// <summary>How a Send API call ended, in the terms the conversation worker acts on.</summary>
public enum SendResult
{
    Sent,
    /// <summary>Error 613 (or 4/32) persisted through every retry.</summary>
    RateLimited,
    /// <summary>Error 190: the page token is no longer valid; the page is marked disconnected.</summary>
    TokenRejected,
    /// <summary>Error 551: the shopper cannot be reached (blocked the page, deleted the account).</summary>
    Unreachable,
    /// <summary>Error 10, subcode 2018278: outside the window the messaging type allows (24 hours, or 7 days with HUMAN_AGENT).</summary>
    OutsideWindow,
    /// <summary>Error 10, subcode 2018300: another app (the Page Inbox) controls the thread, so nothing may be sent.</summary>
    NotThreadOwner,
    Failed,
}
