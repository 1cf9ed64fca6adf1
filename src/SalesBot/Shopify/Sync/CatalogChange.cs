namespace SalesBot.Shopify.Sync;

public enum ChangeKind { Product, InventoryItem, Collection, Discount, Shop }

/// <summary>
/// One thing a webhook said changed. Only the id is used: the current state is always re-read from
/// Shopify, so a late or reordered delivery cannot roll anything back.
/// </summary>
public sealed record CatalogChange(string EventId, ChangeKind Kind, string? Id, bool Deleted, DateTimeOffset TriggeredAt);
