using Microsoft.EntityFrameworkCore;
using SalesBot.Shopify.Auth;

namespace SalesBot.Data;

public partial class SalesBotDbContext
{
    public DbSet<ShopTokenState> ShopTokenStates => Set<ShopTokenState>();
}
