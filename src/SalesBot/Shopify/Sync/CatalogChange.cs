namespace SalesBot.Shopify.Sync;

public enum ChangeKind { Product, InventoryItem, Collection, Discount, Shop }

/// <summary>
/// One thing a webhook said changed. A deleted item is removed without asking Shopify; anything else
/// is re-read by id, so a late or reordered delivery cannot roll anything back (no timestamps needed).
/// </summary>
public sealed record CatalogChange(string EventId, ChangeKind Kind, string? Id, bool Deleted);
