namespace SalesBot.Shopify.Admin;

/// <summary>A mutation's <c>userErrors</c> entry: the input Shopify refused and why.</summary>
public sealed record UserError(IReadOnlyList<string>? Field, string Message);
