using System.Diagnostics;

namespace SalesBot.Shopify.Sync;

/// <summary>
/// Spans "sync poll" and "sync incremental" on ActivitySource "SalesBot.Shopify.Sync": the Admin API calls, SQL and
/// snapshot publish of one run nest under it. What each run changed and cost is in the run history, not here.
/// </summary>
public static class SyncTelemetry
{
    public const string Name = "SalesBot.Shopify.Sync";

    private static readonly ActivitySource Source = new(Name);

    public static Activity? StartRun(string kind, string shop)
    {
        var activity = Source.StartActivity("sync " + kind);
        activity?.SetTag("salesbot.shop", shop);
        activity?.SetTag("salesbot.sync.kind", kind);
        return activity;
    }
}
