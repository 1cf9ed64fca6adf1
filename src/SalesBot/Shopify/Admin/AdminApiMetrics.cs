using System.Diagnostics.Metrics;

namespace SalesBot.Shopify.Admin;

/// <summary>
/// Meter "SalesBot.Shopify.Admin", fed from each answered query's <c>extensions.cost</c> (what the client reads for its
/// throttle anyway): <c>salesbot.shopify.admin.points</c> (counter, {point}: <c>actualQueryCost</c>) and
/// <c>salesbot.shopify.admin.throttled</c> (counter, {response}: THROTTLED answers met before a query ran), by
/// <c>salesbot.shopify.document</c>, a fixed set of our GraphQL documents. Not by shop: the bucket per shop is on the
/// console, and a tag per shop would grow without bound.
/// </summary>
public sealed class AdminApiMetrics
{
    public const string Name = "SalesBot.Shopify.Admin";

    private readonly Counter<double> _points;
    private readonly Counter<long> _throttled;

    public AdminApiMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        _points = meter.CreateCounter<double>("salesbot.shopify.admin.points", "{point}", "Admin API cost points used (Shopify's actualQueryCost).");
        _throttled = meter.CreateCounter<long>("salesbot.shopify.admin.throttled", "{response}", "THROTTLED answers from the Admin API before a query ran.");
    }

    internal void Answered(AdminQueryCost query)
    {
        var document = new KeyValuePair<string, object?>("salesbot.shopify.document", query.Document);
        _points.Add(query.ActualCost, document);
        if (query.Throttled > 0) _throttled.Add(query.Throttled, document);
    }
}
