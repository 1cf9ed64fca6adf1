namespace SalesBot.MerchantConsole.Inbox;

/// <summary>The inbox's addresses.</summary>
public static class InboxLinks
{
    public const string List = "/console/inbox";

    public static string Conversation(string pageId, string psid) => $"{List}/{Uri.EscapeDataString(pageId)}/{Uri.EscapeDataString(psid)}";
}
