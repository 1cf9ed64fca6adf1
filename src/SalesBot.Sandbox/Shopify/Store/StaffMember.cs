namespace SalesBot.Sandbox.Shopify.Store;

/// <summary>A user of the store's admin, as Shopify describes them in an online token's <c>associated_user</c>.</summary>
public sealed record StaffMember(long Id, string Email, string FirstName, string LastName, bool AccountOwner);
