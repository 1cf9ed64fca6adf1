using Microsoft.EntityFrameworkCore;
using SalesBot.Shopify.Webhooks;

namespace SalesBot.Data;

public partial class SalesBotDbContext
{
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
}
