using Microsoft.EntityFrameworkCore;

using SalesBot.Facebook;

namespace SalesBot.Data;

/// <summary>The Messenger side's tables: connected pages, received events, conversation history, handoff states, data deletion requests, bot switches per page, Messenger profile outcomes.</summary>
public partial class SalesBotDbContext
{
    public DbSet<ConnectedPage> ConnectedPages => Set<ConnectedPage>();
    public DbSet<MessengerEvent> MessengerEvents => Set<MessengerEvent>();
    public DbSet<ConversationMessage> ConversationMessages => Set<ConversationMessage>();
    public DbSet<ConversationHandoff> ConversationHandoffs => Set<ConversationHandoff>();
    public DbSet<DataDeletionRequest> DataDeletionRequests => Set<DataDeletionRequest>();
    public DbSet<PageBotSwitch> PageBotSwitches => Set<PageBotSwitch>();
    public DbSet<MessengerProfileRecord> MessengerProfileRecords => Set<MessengerProfileRecord>();
    public DbSet<CommentReply> CommentReplies => Set<CommentReply>();
}
