using Microsoft.EntityFrameworkCore;
using SalesBot.Insights;

namespace SalesBot.Data;

/// <summary>The Insights part's tables: counts per shop, page and day; Buy clicks per product; today's conversations.</summary>
public partial class SalesBotDbContext
{
    public DbSet<InsightDay> InsightDays => Set<InsightDay>();
    public DbSet<InsightProductClicks> InsightProductClicks => Set<InsightProductClicks>();
    public DbSet<ActiveConversation> InsightActiveConversations => Set<ActiveConversation>();
}
