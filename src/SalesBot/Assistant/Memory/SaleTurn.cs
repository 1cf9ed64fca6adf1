using System.Globalization;
using System.Text.RegularExpressions;
using SalesBot.Catalog;

namespace SalesBot.Assistant.Memory;

/// <summary>
/// The catalog-only mode's follow-ups, resolved against the conversation's memory by fixed rules: which product
/// ("the second one", "it", "the blue one"), which variant (options walked through with quick replies, one at a
/// time in the merchant's option order), the cart ("add 2", "remove the hat", "show my cart"), the checkout link, and
/// "cheaper" / "similar" (<see cref="Alternatives"/>). The state transitions are <see cref="ConversationMemory"/>'s, and
/// the checkout is <see cref="CartCheckout"/>: the model's tools (<see cref="CartTools"/>) use the same ones.
/// Returns null when the message is not a follow-up, so the caller searches the catalog as before.
/// </summary>
public static partial class SaleTurn
{
    public const string PayloadOption = "SALE_OPT";   // SALE_OPT|{product id}|{option}|{value}
    public const string PayloadAdd = "SALE_ADD";      // SALE_ADD|{product id}|{variant id}
    public const string PayloadPick = "SALE_PICK";    // SALE_PICK|{product id}
    public const string PayloadCode = "SALE_CODE";    // SALE_CODE|{code}
    public const string PayloadCart = "SALE_CART";
    public const string PayloadCheckout = "SALE_CHECKOUT";

    public static (AssistantReply Reply, ConversationMemory Memory)? TryReply(AssistantRequest request, ConversationMemory memory)
    {
        var catalog = request.Catalog;
        if (request.Payload is { } payload && FromPayload(request, memory, payload) is { } tapped) return tapped;

        var text = request.Text ?? "";
        var follow = FollowUpText.Parse(text);
        var shareable = request.ShareableDiscounts();
        // Any code of the shop the shopper names is their ask; whether it goes on the link is decided at checkout.
        if (NamedCode(text, catalog) is { } named)
        {
            memory = memory with { RequestedCode = named };
            if (follow.Action == SaleAction.None)
                return (CodeNoted(request, memory, named), memory);
        }

        // "thanks, that's it" or "a person about this, please" are not about a product, pronoun or not.
        if (follow.Action == SaleAction.None && follow.Ordinal is null
            && ShopperMessage.Parse(text).Intent is ShopperIntent.Thanks or ShopperIntent.Human or ShopperIntent.Discounts or ShopperIntent.Greeting)
            return null;

        switch (follow.Action)
        {
            case SaleAction.Checkout:
                if (AsksForDiscount(text) && memory.RequestedCode is null && shareable.Count > 0) memory = memory with { RequestedCode = shareable[0].Code };
                return Checkout(request, memory);
            case SaleAction.ShowCart:
                return (CartReply(catalog, memory, "Your cart:"), memory);
            case SaleAction.Remove:
                return Remove(catalog, memory, follow);
        }

        var target = Target(catalog, memory, follow, text, out var ordinalMissed);
        if (follow.Alternative != AlternativeKind.None && !ordinalMissed)
        {
            // "Something cheaper" needs a product to compare with; "cheaper jackets" while discussing a bracelet is a new search.
            if (target is null || HasOtherProductWords(text, target, [])) return null;
            return AlternativesReply(catalog, memory, target, follow.Alternative);
        }
        if (ordinalMissed) return (Text($"I showed you {Count(memory.Shown.Count, "product")} just now; which one do you mean?", PickReplies(catalog, memory)), memory);
        if (target is null)
        {
            if (follow.Action != SaleAction.Add) return null;
            if (memory.Shown.Count == 0) return (Text("Tell me what you're looking for first, and I'll add it for you.", []), memory);
            return (Text("Which one should I add?", PickReplies(catalog, memory)), memory);
        }

        var mentioned = MentionedOptions(target.Product, text);
        var refersToTarget = follow.Ordinal is not null || follow.Pronoun || follow.Action == SaleAction.Add || target.Product.Id == memory.ProductId;
        if (!refersToTarget && mentioned.Count == 0) return null;
        // "blue shirt" while discussing a bracelet that comes in blue is a new search: other product words decide.
        if (follow.Ordinal is null && follow.Action == SaleAction.None && HasOtherProductWords(text, target, mentioned)) return null;
        if (follow.Ordinal is null && !follow.Pronoun && follow.Action == SaleAction.None && mentioned.Count == 0) return null;

        memory = memory.Focus(target.Product.Id);
        foreach (var (option, value) in mentioned) memory = memory.Choose(option, value);
        if (follow.Action == SaleAction.Add) memory = memory with { PendingAdd = follow.Quantity };
        return Describe(catalog, memory, target, asked: mentioned.Count > 0 && follow.Action == SaleAction.None);
    }

    private static (AssistantReply, ConversationMemory)? FromPayload(AssistantRequest request, ConversationMemory memory, string payload)
    {
        var catalog = request.Catalog;
        var parts = payload.Split('|', 4);
        switch (parts[0])
        {
            case PayloadCart: return (CartReply(catalog, memory, "Your cart:"), memory);
            case PayloadCheckout: return Checkout(request, memory);
            case PayloadCode when parts.Length == 2 && parts[1].Length <= 64:
                memory = memory with { RequestedCode = parts[1] };
                return (CodeNoted(request, memory, parts[1]), memory);
            case PayloadPick when parts.Length == 2 && catalog.FindById(Gid("Product", parts[1])) is { } picked:
                return Describe(catalog, memory.Focus(picked.Product.Id) with { PendingAdd = memory.PendingAdd }, picked, asked: false);
            case PayloadOption when parts.Length == 4 && catalog.FindById(Gid("Product", parts[1])) is { } item:
                var pending = item.Product.Id == memory.ProductId ? memory.PendingAdd : null;
                memory = memory.Focus(item.Product.Id).Choose(parts[2], parts[3]) with { PendingAdd = pending };
                return Describe(catalog, memory, item, asked: false);
            case PayloadAdd when parts.Length == 3 && catalog.FindById(Gid("Product", parts[1])) is { } product
                                 && product.Product.Variants.Nodes.FirstOrDefault(v => v.Id == Gid("ProductVariant", parts[2])) is { } variant:
                memory = memory.Focus(product.Product.Id);
                foreach (var o in variant.SelectedOptions) memory = memory.Choose(o.Name, o.Value);
                return Describe(catalog, memory with { PendingAdd = 1 }, product, asked: false);
        }
        return null;
    }

    /// <summary>The product a message is about: an ordinal of the last cards, else the one being discussed, else the one shown product whose options it names.</summary>
    private static IndexedProduct? Target(CatalogIndex catalog, ConversationMemory memory, FollowUpText follow, string text, out bool ordinalMissed)
    {
        ordinalMissed = false;
        if (follow.Ordinal is { } n && memory.Shown.Count > 0)
        {
            var index = n == FollowUpText.Last ? memory.Shown.Count - 1 : n - 1;
            if (index < 0 || index >= memory.Shown.Count) { ordinalMissed = true; return null; }
            return catalog.FindById(memory.Shown[index]);
        }
        if (memory.ProductId is { } id && catalog.FindById(id) is { } discussed) return discussed;
        var shown = memory.Shown.Select(catalog.FindById).OfType<IndexedProduct>().ToList();
        if (shown.Count == 1 && (follow.Pronoun || follow.Action == SaleAction.Add)) return shown[0];
        var naming = shown.Where(p => MentionedOptions(p.Product, text).Count > 0).ToList();
        return naming.Count == 1 ? naming[0] : null;
    }

    private static (AssistantReply, ConversationMemory) Describe(CatalogIndex catalog, ConversationMemory memory, IndexedProduct item, bool asked)
    {
        var product = item.Product;
        var choice = VariantChoice.For(product, memory.Options);
        if (choice.Matching.Count == 0)
        {
            // A combination the product is not made in: say so, and start the choice again from what is offered.
            var wanted = string.Join(" / ", memory.Options.Values);
            memory = memory with { Options = new Dictionary<string, string>() };
            var fresh = VariantChoice.For(product, memory.Options);
            return (new AssistantReply($"Sorry, {product.Title} doesn't come in {wanted}." + Ask(fresh),
                [Card(catalog, item, null)], OptionReplies(fresh, memory)), memory);
        }

        if (choice.Variant is not { } variant)
        {
            var intro = memory.Options.Count == 0
                ? $"{product.Title}: {PriceRange(catalog, choice.Matching)}."
                : $"{product.Title} in {string.Join(" / ", memory.Options.Values)}: " + (choice.Matching.Any(v => v.AvailableForSale)
                    ? (asked ? "yes, " : "") + $"in stock in {Join(choice.NextValues().Where(v => v.Available).Select(v => v.Value))}."
                    : (asked ? "sorry, no: " : "") + "sold out in every " + choice.NextOption!.Name.ToLowerInvariant() + ".");
            // The card shows a variant that fits what is chosen so far, so its price and Buy button match the words.
            var fitting = memory.Options.Count == 0 ? null : choice.Matching.FirstOrDefault(v => v.AvailableForSale);
            return (new AssistantReply(intro + Ask(choice), [Card(catalog, item, fitting)], OptionReplies(choice, memory)), memory);
        }

        var name = VariantName(product, variant);
        if (!variant.AvailableForSale)
        {
            var others = product.Variants.Nodes.Where(v => v.AvailableForSale).Select(v => v.Title).ToList();
            var text = (asked ? "Sorry, no: " : "") + $"{name} is sold out, so it can't go in the cart."
                + (others.Count > 0 ? $" Still available: {Join(others)}." : "");
            var retry = new Dictionary<string, string>();
            var restart = VariantChoice.For(product, retry);
            memory = memory with { Options = retry, PendingAdd = null };
            return (new AssistantReply(text, [Card(catalog, item, null)], OptionReplies(restart, memory)), memory);
        }

        var facts = $"{name}: {catalog.Money.Format(variant.Price)}, in stock" + (variant.InventoryQuantity is > 0 and var left ? $" ({left} left)" : "") + ".";
        if (memory.PendingAdd is { } quantity)
        {
            memory = memory.Add(variant.Id, product.Id, quantity);
            var line = memory.Cart.First(l => l.VariantId == variant.Id);
            var added = $"Added {quantity} × {name} ({catalog.Money.Format(variant.Price)} each) to your cart"
                + (line.Quantity != quantity ? $", {line.Quantity} in all" : "") + ". " + Summary(catalog, memory);
            return (new AssistantReply(added, [], CartQuickReplies(memory)), memory);
        }
        var replies = new List<QuickReplyOption> { new("Add to cart", $"{PayloadAdd}|{Tail(product.Id)}|{Tail(variant.Id)}") };
        replies.AddRange(CartQuickReplies(memory).Where(r => memory.Cart.Count > 0));
        return (new AssistantReply((asked ? "Yes! " : "") + facts + " Shall I add it to your cart?", [Card(catalog, item, variant)], replies), memory);
    }

    /// <summary>Cheaper or similar products as cards, which become the products "the first one" refers to next; or an honest "nothing".</summary>
    private static (AssistantReply, ConversationMemory) AlternativesReply(CatalogIndex catalog, ConversationMemory memory, IndexedProduct target, AlternativeKind kind)
    {
        var product = target.Product;
        var price = catalog.Money.Format(Alternatives.PriceOf(target));
        var found = kind == AlternativeKind.Cheaper
            ? Alternatives.Cheaper(catalog, target, CatalogOnlyAssistant.CardLimit)
            : Alternatives.Similar(catalog, target, CatalogOnlyAssistant.CardLimit);
        if (found.Count == 0)
        {
            var none = kind == AlternativeKind.Cheaper
                ? $"Nothing cheaper than {product.Title} ({price}) in the shop, sorry: it is already the lowest price of its kind."
                : $"I found nothing quite like {product.Title}, sorry.";
            return (new AssistantReply(none, [Card(catalog, target, null)], OptionReplies(VariantChoice.For(product, memory.Options), memory)), memory.Focus(product.Id));
        }
        var text = kind == AlternativeKind.Cheaper
            ? $"Cheaper than {product.Title} ({price}), cheapest first:"
            : $"Similar to {product.Title}:";
        var cards = found.Select(m => ProductCardFactory.Create(catalog, m)).ToList();
        return (new AssistantReply(text, cards, []), memory.Show(cards.Select(c => c.ProductId)));
    }

    private static (AssistantReply, ConversationMemory) Remove(CatalogIndex catalog, ConversationMemory memory, FollowUpText follow)
    {
        if (memory.Cart.Count == 0) return (Text("Your cart is empty, so there is nothing to remove.", []), memory);
        var terms = Tokenizer.Terms(follow.Rest).Where(t => t is not ("cart" or "basket" or "bag" or "them")).ToHashSet(StringComparer.Ordinal);
        List<CartLine> gone;
        if (terms.Count == 0)
            gone = memory.Cart.Where(l => l.ProductId == memory.ProductId).ToList();
        else
            gone = memory.Cart.Where(l => catalog.FindById(l.ProductId) is { } p && Tokenizer.Terms(p.Product.Title + " " + p.Product.ProductType).Any(terms.Contains)).ToList();
        if (gone.Count == 0) return (CartReply(catalog, memory, "I couldn't find that in your cart. Your cart:"), memory);
        var names = gone.Select(l => LineName(catalog, l)).ToList();
        memory = memory.Remove(gone);
        return (CartReply(catalog, memory, $"Removed {Join(names)}." + (memory.Cart.Count > 0 ? " Your cart:" : "")), memory);
    }

    private static (AssistantReply, ConversationMemory) Checkout(AssistantRequest request, ConversationMemory memory)
    {
        var checkout = CartCheckout.For(request, memory);
        if (checkout.Url is not { } url)
            return (Text(memory.Cart.Count == 0 ? "Your cart is empty. Tell me what you'd like, and I'll add it." : "Everything in your cart has sold out since, sorry.", []), memory);
        return (new AssistantReply(CheckoutText(request.Catalog, checkout), [], [], CheckoutUrl: url, CheckoutLine: checkout.Buyable[0].Line), memory);
    }

    /// <summary>
    /// The words above the checkout button (the link itself rides on the button, see ReplyBuilder): what is in it, the total,
    /// the code applied or refused, and lines left out. Both modes send this same text, so the facts never depend on a model.
    /// </summary>
    public static string CheckoutText(CatalogIndex catalog, CartCheckout checkout)
    {
        var text = $"Your checkout is ready: {Count(checkout.ItemCount, "item")} ({catalog.Money.Format(checkout.Total)} before shipping and taxes)"
            + (checkout.AppliedCode is { } code ? $", with the code {code} applied" : "") + ".";
        if (checkout.RefusedCode is { } refused) text += $"\nThe code {refused} can't be used here, sorry.";
        if (checkout.SoldOutLines > 0) text += $"\n{Count(checkout.SoldOutLines, "line")} sold out since and {(checkout.SoldOutLines == 1 ? "is" : "are")} left out.";
        return text;
    }

    public static AssistantReply CartReply(CatalogIndex catalog, ConversationMemory memory, string heading)
    {
        if (memory.Cart.Count == 0) return Text(heading.EndsWith(':') ? "Your cart is empty." : heading, []);
        var rows = memory.Cart.Select(l => FindVariant(catalog, l) is { } v
            ? $"• {l.Quantity} × {LineName(catalog, l)} — {catalog.Money.Format(v.Price * l.Quantity)}" + (v.AvailableForSale ? "" : " (sold out now)")
            : $"• {l.Quantity} × an item no longer in the catalog");
        return new AssistantReply(heading + "\n" + string.Join("\n", rows) + "\n" + Summary(catalog, memory), [], CartQuickReplies(memory));
    }

    private static string Summary(CatalogIndex catalog, ConversationMemory memory) =>
        $"Cart: {Count(memory.ItemCount, "item")}, {catalog.Money.Format(CartLines.Total(catalog, memory))}.";

    private static IReadOnlyList<QuickReplyOption> CartQuickReplies(ConversationMemory memory) => memory.Cart.Count == 0
        ? [new("Show products", ShopperMessage.PayloadBrowse)]
        : [new("Checkout", PayloadCheckout), new("Show cart", PayloadCart), new("Keep shopping", ShopperMessage.PayloadBrowse)];

    private static IReadOnlyList<QuickReplyOption> OptionReplies(VariantChoice choice, ConversationMemory memory)
    {
        if (choice.NextOption is not { } option) return [];
        return choice.NextValues().Take(12)
            .Select(v => new QuickReplyOption(v.Available ? v.Value : v.Value + " (sold out)", $"{PayloadOption}|{Tail(choice.Product.Id)}|{option.Name}|{v.Value}"))
            .ToList();
    }

    private static IReadOnlyList<QuickReplyOption> PickReplies(CatalogIndex catalog, ConversationMemory memory) =>
        memory.Shown.Select(catalog.FindById).OfType<IndexedProduct>().Take(10)
            .Select(p => new QuickReplyOption(p.Product.Title, $"{PayloadPick}|{Tail(p.Product.Id)}")).ToList();

    private static string Ask(VariantChoice choice) => choice.NextOption is { } option ? $" Which {option.Name.ToLowerInvariant()}?" : "";

    /// <summary>Option values of the product the message names as whole words ("M" in "size M?", never the "s" of "it's").</summary>
    public static IReadOnlyList<(string Option, string Value)> MentionedOptions(Product product, string text)
    {
        if (!VariantChoice.HasChoices(product)) return [];
        var found = new List<(string, string)>();
        foreach (var option in product.Options.OrderBy(o => o.Position))
        {
            // The longest value first, so "XL" wins over "L" and "Dark Blue" over "Blue".
            var value = option.Values.OrderByDescending(v => v.Length).FirstOrDefault(v => WholeWord(text, v));
            if (value is not null) found.Add((option.Name, value));
        }
        return found;
    }

    // A whole word in any case: no letter, digit, underscore or apostrophe on either side ("L" is not the L of "XL" or "I'll").
    // A scan rather than a regex built per value: a store can have hundreds of codes and option values, checked every turn.
    private static bool WholeWord(string text, string value)
    {
        if (value.Length == 0) return false;
        for (var at = text.IndexOf(value, StringComparison.OrdinalIgnoreCase); at >= 0;
             at = at + 1 < text.Length ? text.IndexOf(value, at + 1, StringComparison.OrdinalIgnoreCase) : -1)
            if (!IsWordChar(text, at - 1) && !IsWordChar(text, at + value.Length)) return true;
        return false;
    }

    private static bool IsWordChar(string text, int i) =>
        i >= 0 && i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '\'' or '’');

    private static readonly HashSet<string> FollowUpWords = new(StringComparer.Ordinal)
    {
        "size", "color", "colour", "available", "stock", "avail", "in", "come", "comes", "price", "cost", "costs", "there", "yes", "no",
        "ok", "okay", "then", "instead", "maybe", "how", "about", "version", "which", "size", "so", "too", "still", "left",
        // "anything cheaper?", "show me something similar": the words of a cheaper / similar follow-up.
        "anything", "something", "show", "me", "got", "have", "any", "cheaper", "similar", "alike", "alternative", "alternatives",
        "less", "expensive", "lower", "affordable", "like", "else", "other", "others", "please", "cost", "one",
    };

    private static bool HasOtherProductWords(string text, IndexedProduct target, IReadOnlyList<(string Option, string Value)> mentioned)
    {
        var own = Tokenizer.Terms(target.Product.Title + " " + target.Product.ProductType + " " + string.Join(' ', mentioned.Select(m => m.Value + " " + m.Option)))
            .ToHashSet(StringComparer.Ordinal);
        return Tokenizer.Terms(text).Any(t => !own.Contains(t) && !FollowUpWords.Contains(t) && !t.All(char.IsDigit));
    }

    private static string? NamedCode(string text, CatalogIndex catalog) =>
        catalog.Codes.FirstOrDefault(c => c.Code.Length >= 3 && WholeWord(text, c.Code))?.Code;

    private static AssistantReply CodeNoted(AssistantRequest request, ConversationMemory memory, string code) =>
        Allowed(request, code) is { } allowed
            ? new AssistantReply($"Noted: I'll put the code {allowed} on your checkout link.", [], CartQuickReplies(memory))
            : new AssistantReply($"Sorry, the code {code} can't be used here.", [], CartQuickReplies(memory));

    private static string? Allowed(AssistantRequest request, string? code) => CartLines.AllowedCode(request, code);

    private static bool AsksForDiscount(string text) => DiscountAsk().IsMatch(text);

    [GeneratedRegex(@"\b(?:discount|code|coupon|promo)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexLimits.TimeoutMs)]
    private static partial Regex DiscountAsk();

    private static ProductCard Card(CatalogIndex catalog, IndexedProduct item, ProductVariant? variant) =>
        ProductCardFactory.Create(catalog, new ProductMatch(item, variant, 1));

    private static ProductVariant? FindVariant(CatalogIndex catalog, CartLine line) => CartLines.Variant(catalog, line);

    private static string LineName(CatalogIndex catalog, CartLine line) => CartLines.Name(catalog, line);

    public static string VariantName(Product product, ProductVariant variant) =>
        variant.Title == "Default Title" || !VariantChoice.HasChoices(product) ? product.Title : $"{product.Title} ({variant.Title})";

    private static string PriceRange(CatalogIndex catalog, IReadOnlyList<ProductVariant> variants)
    {
        var (low, high) = (variants.Min(v => v.Price), variants.Max(v => v.Price));
        return low == high ? catalog.Money.Format(low) : $"{catalog.Money.Format(low)} to {catalog.Money.Format(high)}";
    }

    private static AssistantReply Text(string text, IReadOnlyList<QuickReplyOption> replies) => new(text, [], replies);

    private static string Join(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count <= 1 ? string.Concat(list) : string.Join(", ", list[..^1]) + " and " + list[^1];
    }

    private static string Count(int n, string noun) => n.ToString(CultureInfo.InvariantCulture) + " " + noun + (n == 1 ? "" : "s");

    private static string Tail(string gid) => ProductCardFactory.NumericId(gid);

    private static string Gid(string type, string tail) => $"gid://shopify/{type}/{tail}";
}
