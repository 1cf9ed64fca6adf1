using System.ComponentModel;
using Microsoft.Extensions.AI;
using SalesBot.Catalog;

namespace SalesBot.Assistant.Memory;

/// <summary>
/// The model's tools over the conversation's memory, for one turn: pick a product and its options down to the exact
/// variant, fill the cart, check out, find cheaper or similar products. They use the same transitions as the
/// catalog-only rules (<see cref="ConversationMemory"/>, <see cref="VariantChoice"/>, <see cref="CartCheckout"/>,
/// <see cref="Alternatives"/>), so a sold-out variant never enters a cart in either mode. The model never sees a URL:
/// <see cref="Checkout"/> is attached to the reply by code.
/// </summary>
public sealed class CartTools(AssistantRequest request, ConversationMemory memory, CatalogTools catalogTools)
{
    private const int AlternativesLimit = 5;
    private readonly CatalogIndex _catalog = request.Catalog;

    /// <summary>The memory as the tools left it: saved after the turn.</summary>
    public ConversationMemory Memory { get; private set; } = memory;

    /// <summary>Set when the model called <c>checkout</c> and the cart had something to buy.</summary>
    public CartCheckout? Checkout { get; private set; }

    public IList<AITool> All =>
    [
        AIFunctionFactory.Create(SelectProduct, "select_product",
            "The shopper is talking about this product (e.g. 'the second one', 'in M'): remembers it and the option values named, and returns the exact variant with its price and stock when the options pin one, else the next option to ask with its in-stock values."),
        AIFunctionFactory.Create(AddToCart, "add_to_cart",
            "Adds a variant to the shopper's cart. Give the product's handle and the option values that pin the variant (values already chosen are remembered). Sold-out variants are refused."),
        AIFunctionFactory.Create(RemoveFromCart, "remove_from_cart", "Removes a product's lines from the cart."),
        AIFunctionFactory.Create(ViewCart, "view_cart", "The cart's lines, quantities, prices and total."),
        AIFunctionFactory.Create(CheckoutCart, "checkout",
            "When the shopper wants to pay: prepares checkout for exactly the cart. A checkout button is attached to your reply by the system; never write a link."),
        AIFunctionFactory.Create(FindCheaper, "find_cheaper", "Products of the same kind priced below this one, cheapest first."),
        AIFunctionFactory.Create(FindSimilar, "find_similar", "Products like this one (same type or tags)."),
    ];

    public object SelectProduct(
        [Description("The product's handle")] string handle,
        [Description("Option values the shopper named, e.g. ['M'] or ['Blue', 'L']")] string[]? optionValues = null)
    {
        if (Resolve(handle, optionValues, out var item, out var problem) is not { } choice) return problem!;
        if (choice.Matching.Count == 0)
        {
            var wanted = string.Join(" / ", Memory.Options.Values);
            Memory = Memory with { Options = new Dictionary<string, string>() };
            return new { product = item!.Product.Title, error = $"{item.Product.Title} is not made in {wanted}.", options = Options(VariantChoice.For(item.Product, Memory.Options)) };
        }
        return Describe(item!, choice);
    }

    public object AddToCart(
        [Description("The product's handle")] string handle,
        [Description("Option values that pin the variant, e.g. ['M']")] string[]? optionValues = null,
        [Description("How many, 1 to 99")] int quantity = 1)
    {
        // A refused choice is not remembered: "blue then" after a sold-out red keeps the size chosen before.
        var prior = _catalog.FindByHandle(handle) is { } known ? Memory.Focus(known.Product.Id).Options : Memory.Options;
        if (Resolve(handle, optionValues, out var item, out var problem) is not { } choice) return problem!;
        if (choice.Variant is not { } variant)
            return new { added = false, reason = choice.Matching.Count == 0 ? "No variant has those options." : "Ask the shopper to choose first.", next = Options(choice) };
        var name = SaleTurn.VariantName(item!.Product, variant);
        if (!variant.AvailableForSale)
        {
            Memory = Memory with { Options = prior };
            return new
            {
                added = false, reason = $"{name} is sold out and cannot be added.",
                inStock = item.AvailableVariants.Select(v => v.Title).Where(t => t != "Default Title").ToList(),
            };
        }
        if (Memory.Cart.Count >= ConversationMemory.MaxCartLines && Memory.Cart.All(l => l.VariantId != variant.Id))
            return new { added = false, reason = $"The cart is full ({ConversationMemory.MaxCartLines} lines)." };
        var count = Math.Clamp(quantity, 1, ConversationMemory.MaxQuantity);
        Memory = Memory.Add(variant.Id, item.Product.Id, count);
        return new { added = true, line = new { name, quantity = count, unitPrice = _catalog.Money.Format(variant.Price) }, cart = ViewCart() };
    }

    public object RemoveFromCart([Description("The product's handle")] string handle)
    {
        var item = _catalog.FindByHandle(handle);
        var gone = Memory.Cart.Where(l => l.ProductId == item?.Product.Id).ToList();
        if (gone.Count == 0) return new { removed = false, reason = "That product is not in the cart.", cart = ViewCart() };
        Memory = Memory.Remove(gone);
        return new { removed = true, cart = ViewCart() };
    }

    public object ViewCart() => new
    {
        lines = Memory.Cart.Select(l => CartLines.Variant(_catalog, l) is { } v
            ? new { name = CartLines.Name(_catalog, l), quantity = l.Quantity, unitPrice = _catalog.Money.Format(v.Price), inStock = v.AvailableForSale }
            : new { name = CartLines.Name(_catalog, l), quantity = l.Quantity, unitPrice = "", inStock = false }).ToList(),
        total = _catalog.Money.Format(CartLines.Total(_catalog, Memory)),
    };

    public object CheckoutCart([Description("A discount code, only if the shopper asked to use one")] string? discountCode = null)
    {
        if (!string.IsNullOrWhiteSpace(discountCode) && discountCode.Length <= 64) Memory = Memory with { RequestedCode = discountCode.Trim() };
        var checkout = CartCheckout.For(request, Memory);
        if (checkout.Url is null) return new { ready = false, reason = Memory.Cart.Count == 0 ? "The cart is empty." : "Everything in the cart has sold out." };
        Checkout = checkout;
        return new
        {
            ready = true,
            items = checkout.ItemCount,
            total = _catalog.Money.Format(checkout.Total),
            codeApplied = checkout.AppliedCode,
            codeRefused = checkout.RefusedCode,
            soldOutLinesLeftOut = checkout.SoldOutLines,
            note = "The checkout button with these facts is attached to your reply. Write one short sentence; no link, no URL.",
        };
    }

    public object FindCheaper([Description("The product's handle")] string handle) => Others(handle, cheaper: true);

    public object FindSimilar([Description("The product's handle")] string handle) => Others(handle, cheaper: false);

    private object Others(string handle, bool cheaper)
    {
        if (_catalog.FindByHandle(handle) is not { } item) return new { error = $"No product with handle '{handle}'." };
        Memory = Memory.Focus(item.Product.Id);
        var found = cheaper ? Assistant.Alternatives.Cheaper(_catalog, item, AlternativesLimit) : Assistant.Alternatives.Similar(_catalog, item, AlternativesLimit);
        catalogTools.Saw(item);
        catalogTools.Found(found);
        return new
        {
            comparedWith = ToolProduct.From(_catalog, item),
            products = found.Select(m => ToolProduct.From(_catalog, m.Item)).ToList(),
            note = found.Count == 0 ? (cheaper ? "Nothing cheaper of this kind: say so honestly." : "Nothing similar: say so honestly.") : null,
        };
    }

    /// <summary>Focuses the product (its chosen options kept if it was already the one discussed) and adds the named values.</summary>
    private VariantChoice? Resolve(string handle, string[]? values, out IndexedProduct? item, out object? problem)
    {
        item = _catalog.FindByHandle(handle ?? "");
        problem = null;
        if (item is null) { problem = new { error = $"No product with handle '{handle}'. Use search_products or the products last shown." }; return null; }
        catalogTools.Saw(item);
        Memory = Memory.Focus(item.Product.Id);
        foreach (var value in (values ?? []).Take(5))
        {
            var option = item.Product.Options.FirstOrDefault(o => o.Values.Any(v => VariantChoice.Same(v, value)));
            if (option is null)
            {
                problem = new { error = $"{item.Product.Title} has no option '{value}'.", options = Options(VariantChoice.For(item.Product, new Dictionary<string, string>())) };
                return null;
            }
            Memory = Memory.Choose(option.Name, option.Values.First(v => VariantChoice.Same(v, value)));
        }
        return VariantChoice.For(item.Product, Memory.Options);
    }

    private object Describe(IndexedProduct item, VariantChoice choice)
    {
        if (choice.Variant is { } variant)
            return new
            {
                product = item.Product.Title, handle = item.Product.Handle,
                variant = SaleTurn.VariantName(item.Product, variant),
                price = _catalog.Money.Format(variant.Price),
                available = variant.AvailableForSale,
                left = variant.AvailableForSale && variant.InventoryQuantity is > 0 ? variant.InventoryQuantity : null,
            };
        return new
        {
            product = item.Product.Title, handle = item.Product.Handle,
            chosen = Memory.Options,
            anyAvailable = choice.Matching.Any(v => v.AvailableForSale),
            next = Options(choice),
        };
    }

    private static object? Options(VariantChoice choice) => choice.NextOption is { } option
        ? new { option = option.Name, values = choice.NextValues().Select(v => new { value = v.Value, inStock = v.Available }).ToList() }
        : null;
}
