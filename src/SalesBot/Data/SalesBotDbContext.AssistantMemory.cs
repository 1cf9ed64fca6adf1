using Microsoft.EntityFrameworkCore;
using SalesBot.Assistant.Memory;

namespace SalesBot.Data;

/// <summary>The Assistant part's conversation memory: products shown, the product discussed, chosen options, the cart.</summary>
public partial class SalesBotDbContext
{
    public DbSet<ConversationMemoryRow> ConversationMemories => Set<ConversationMemoryRow>();
}
