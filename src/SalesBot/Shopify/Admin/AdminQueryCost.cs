namespace SalesBot.Shopify.Admin;

/// <summary>
/// One answered query and its <c>extensions.cost</c>: the document, Shopify's <c>requestedQueryCost</c> and
/// <c>actualQueryCost</c>, when, and how many THROTTLED answers it met before it ran.
/// </summary>
public sealed record AdminQueryCost(string Document, double RequestedCost, double ActualCost, DateTimeOffset At, int Throttled);

/// <summary>A shop's last query cost and throttle bucket as this process last saw them.</summary>
public sealed record AdminApiUsage(AdminQueryCost? LastQuery, ThrottleStatus? Throttle, DateTimeOffset? ObservedAt);
