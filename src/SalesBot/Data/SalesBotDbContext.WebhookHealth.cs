using Microsoft.EntityFrameworkCore;
using SalesBot.Shopify.Webhooks;

namespace SalesBot.Data;

public partial class SalesBotDbContext
{
    public DbSet<WebhookSubscriptionRecord> WebhookSubscriptionRecords => Set<WebhookSubscriptionRecord>();
    public DbSet<WebhookRejection> WebhookRejections => Set<WebhookRejection>();
}
