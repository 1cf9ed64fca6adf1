namespace SalesBot.Facebook;

/// <summary>
/// Where a merchant's browser goes after Facebook Login: the console's pages with an outcome code and the ids of the pages
/// it concerns. The console shows only names it finds among the shop's own pages, so a crafted link says nothing new.
/// </summary>
public static class PageConnectNotice
{
    public const string ConsolePath = "/console/pages";

    // Outcome codes, shared with the console page that words them.
    public const string Connected = "connected";
    public const string ConnectedPartly = "connected-partly";
    /// <summary>Connected and subscribed, but Facebook refused a page's Messenger profile (welcome screen, ice breakers, menu).</summary>
    public const string ConnectedWithoutProfile = "connected-no-profile";
    public const string NoPages = "no-pages";
    public const string AllTaken = "taken";

    public static string Code(PageConnectFailure failure) => failure switch
    {
        PageConnectFailure.Expired => "connect-expired",
        PageConnectFailure.OtherSession => "connect-other-session",
        PageConnectFailure.Facebook => "connect-facebook",
        _ => "connect-state",
    };

    public static string ConsoleUrl(PageConnectReport report)
    {
        if (!report.Ok) return $"{ConsolePath}?error={Code(report.Failure ?? PageConnectFailure.State)}";
        var connected = report.Pages.Where(p => p.Connected).ToList();
        if (report.Pages.Count == 0) return $"{ConsolePath}?error={NoPages}";
        if (connected.Count == 0) return $"{ConsolePath}?error={AllTaken}&taken={report.Pages.Count}";
        var ids = Uri.EscapeDataString(string.Join(',', connected.Select(p => p.PageId)));
        var outcome = connected.Count == report.Pages.Count && connected.All(p => p.Subscribed)
            ? connected.All(p => p.ProfileSet) ? Connected : ConnectedWithoutProfile
            : ConnectedPartly;
        return $"{ConsolePath}?done={outcome}&pages={ids}&taken={report.Pages.Count(p => !p.Connected)}";
    }
}
