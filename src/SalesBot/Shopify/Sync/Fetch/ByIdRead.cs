namespace SalesBot.Shopify.Sync.Fetch;

/// <summary>
/// What a read by id got: each id read (null for one Shopify no longer has) and, when Shopify refused part of
/// the read for a reason retrying cannot fix, the ids left unread and why.
/// </summary>
public sealed record ByIdRead<T>(IReadOnlyDictionary<string, T?> Read, IReadOnlyList<string> Unread, string? Failure) where T : class;
