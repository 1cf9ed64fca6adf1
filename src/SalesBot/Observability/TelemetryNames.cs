namespace SalesBot.Observability;

/// <summary>
/// Every Meter and ActivitySource of ours is named "SalesBot.&lt;Part&gt;", one per part, so one wildcard collects
/// them all and a new part's telemetry needs no change here.
/// </summary>
public static class TelemetryNames
{
    public const string Wildcard = "SalesBot.*";
}
