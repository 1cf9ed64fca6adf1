namespace SalesBot.Sandbox.Shopify.GraphQL;

// Small value shapes for schema types that have no counterpart in the store model.

internal sealed record MoneyView(decimal Amount, string CurrencyCode);
internal sealed record ImageView(string Url, string? AltText);
internal sealed record DomainView(long Id, string Url, string Host);
internal sealed record ShopPolicyView(long Id, string Type, string Title, string Body, string Url);
internal sealed record QuantityView(string Name, int Quantity);
internal sealed record CountView(int Count);
internal sealed record UserErrorView(IReadOnlyList<string>? Field, string Message, string? Code = null);
internal sealed record PayloadView(object? Subject, IReadOnlyList<UserErrorView> UserErrors);
/// <summary>The <c>codeDiscount</c> union member: a distinct C# type so Node resolution never mistakes it for the DiscountCodeNode.</summary>
internal sealed record CodeDiscountView(Store.StoreDiscount Discount);
/// <summary>The <c>context</c> union member of a discount (who may use it).</summary>
internal sealed record DiscountContextView(Store.StoreDiscount Discount);
internal sealed record CustomerView(long Id);
internal sealed record SegmentView(long Id, string Name);
