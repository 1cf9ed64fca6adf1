using Microsoft.EntityFrameworkCore;
using SalesBot.Assistant.Settings;

namespace SalesBot.Data;

/// <summary>The Assistant part's tables: each shop's assistant settings.</summary>
public partial class SalesBotDbContext
{
    public DbSet<AssistantSettings> AssistantSettings => Set<AssistantSettings>();
}
