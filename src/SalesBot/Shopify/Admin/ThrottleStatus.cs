namespace SalesBot.Shopify.Admin;

/// <summary><c>extensions.cost.throttleStatus</c> of an Admin API response: the shop's leaky bucket.</summary>
public sealed record ThrottleStatus(double MaximumAvailable, double CurrentlyAvailable, double RestoreRate);
