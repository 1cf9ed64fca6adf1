using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SalesBot.Assistant.Memory;

/// <summary>
/// What the assistant remembers of one conversation between turns: the products last shown (in the order of the cards),
/// the product being discussed with the options chosen so far, the cart, and the code the shopper asked for. Ids are
/// Shopify GIDs, so a product or variant that left the catalog is simply not found again (never resolved to another).
/// </summary>
public sealed record ConversationMemory(
    IReadOnlyList<string> Shown,
    string? ProductId,
    IReadOnlyDictionary<string, string> Options,
    IReadOnlyList<CartLine> Cart,
    string? RequestedCode = null,
    int? PendingAdd = null)
{
    public static readonly ConversationMemory Empty = new([], null, new Dictionary<string, string>(), []);

    /// <summary>Messenger shows at most 10 cards, and a cart longer than this is not a chat sale.</summary>
    public const int MaxShown = 10;
    public const int MaxCartLines = 20;
    public const int MaxQuantity = 99;

    public int ItemCount => Cart.Sum(l => l.Quantity);

    /// <summary>Focus on a product: its chosen options start empty unless it is the same product.</summary>
    public ConversationMemory Focus(string productId) =>
        productId == ProductId ? this : this with { ProductId = productId, Options = new Dictionary<string, string>(), PendingAdd = null };

    public ConversationMemory Choose(string option, string value)
    {
        var options = new Dictionary<string, string>(Options, StringComparer.OrdinalIgnoreCase) { [option] = value };
        return this with { Options = options };
    }

    public ConversationMemory Add(string variantId, string productId, int quantity)
    {
        var lines = Cart.ToList();
        var index = lines.FindIndex(l => l.VariantId == variantId);
        if (index >= 0) lines[index] = lines[index] with { Quantity = Math.Min(MaxQuantity, lines[index].Quantity + quantity) };
        else if (lines.Count < MaxCartLines) lines.Add(new CartLine(variantId, productId, Math.Min(MaxQuantity, quantity)));
        return this with { Cart = lines, PendingAdd = null };
    }

    public ConversationMemory Remove(IReadOnlyCollection<CartLine> gone) => this with { Cart = Cart.Except(gone).ToList() };

    /// <summary>
    /// Products the shopper was just shown, in card order: what "the second one" refers to next. One product is also the
    /// one being discussed; several clear the discussed product, so "in M" asks which one. Both modes remember cards this way.
    /// </summary>
    public ConversationMemory Show(IEnumerable<string> productIds)
    {
        var shown = productIds.Distinct().Take(MaxShown).ToList();
        if (shown.Count == 0) return this;
        var remembered = this with { Shown = shown };
        return shown.Count == 1 ? remembered.Focus(shown[0]) : remembered with { ProductId = null, Options = new Dictionary<string, string>(), PendingAdd = null };
    }

    public string ToJson() => JsonSerializer.Serialize(this, MemoryJson.Default.ConversationMemory);

    /// <summary>A row that cannot be read (written by a future version, say) is a fresh start, not a failed turn.</summary>
    public static ConversationMemory FromJson(string json)
    {
        try { return JsonSerializer.Deserialize(json, MemoryJson.Default.ConversationMemory) ?? Empty; }
        catch (JsonException) { return Empty; }
    }
}

/// <summary>One cart line: a variant and how many; the product id lets "remove the hat" find it by the product's words.</summary>
public sealed record CartLine(string VariantId, string ProductId, int Quantity);

[JsonSerializable(typeof(ConversationMemory))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class MemoryJson : JsonSerializerContext;

/// <summary>
/// The stored memory of one conversation, keyed by the opaque key the caller passes (Messenger uses "{pageId}:{psid}");
/// <see cref="Shop"/> lets a shop's erasure remove its conversations without knowing how keys are made.
/// </summary>
[Microsoft.EntityFrameworkCore.Index(nameof(Shop))]
public sealed class ConversationMemoryRow
{
    [Key, MaxLength(MaxKeyLength)]
    public required string Key { get; set; }

    [MaxLength(255)]
    public required string Shop { get; set; }

    /// <summary>The <see cref="ConversationMemory"/> as JSON: one read and one write per turn, whatever it holds.</summary>
    [MaxLength(32_000)]
    public required string State { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public const int MaxKeyLength = 200;
}
