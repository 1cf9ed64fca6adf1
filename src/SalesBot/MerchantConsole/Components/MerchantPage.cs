using Microsoft.AspNetCore.Components;
using SalesBot.Shopify.Auth;

namespace SalesBot.MerchantConsole.Components;

/// <summary>
/// Base of every console page: the signed-in merchant's session. Pages read the shop from here and from nowhere else,
/// so no page can be pointed at another shop's data.
/// </summary>
public abstract class MerchantPage : ComponentBase
{
    [CascadingParameter] public HttpContext HttpContext { get; set; } = default!;

    /// <summary>Set once authorization let the request in (every page requires <see cref="MerchantSession.Policy"/>).</summary>
    protected MerchantSession Session => MerchantSession.From(HttpContext.User)
        ?? throw new InvalidOperationException("A console page rendered without a merchant session; its [Authorize] is missing.");

    protected string Shop => Session.Shop;

    protected CancellationToken RequestAborted => HttpContext.RequestAborted;
}
