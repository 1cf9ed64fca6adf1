using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesBot.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Baseline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AssistantSettings",
                columns: table => new
                {
                    Shop = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Greeting = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    SharedCodes = table.Column<string>(type: "TEXT", nullable: false),
                    HandoffPauseMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    Disclosure = table.Column<bool>(type: "INTEGER", nullable: false),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    WeeklyHours = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    OutOfHoursReply = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssistantSettings", x => x.Shop);
                });

            migrationBuilder.CreateTable(
                name: "ConnectedPages",
                columns: table => new
                {
                    PageId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Shop = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ProtectedAccessToken = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: false),
                    ConnectedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DisconnectedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConnectedPages", x => x.PageId);
                });

            migrationBuilder.CreateTable(
                name: "ConversationHandoffs",
                columns: table => new
                {
                    PageId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Psid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Until = table.Column<long>(type: "INTEGER", nullable: true),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReadThroughId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConversationHandoffs", x => new { x.PageId, x.Psid });
                });

            migrationBuilder.CreateTable(
                name: "ConversationMemories",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Shop = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 32000, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConversationMemories", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "ConversationMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PageId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Psid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    CardsJson = table.Column<string>(type: "TEXT", nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConversationMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataDeletionRequests",
                columns: table => new
                {
                    ConfirmationCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DeletedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Messages = table.Column<int>(type: "INTEGER", nullable: false),
                    Events = table.Column<int>(type: "INTEGER", nullable: false),
                    Pauses = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataDeletionRequests", x => x.ConfirmationCode);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "InsightActiveConversations",
                columns: table => new
                {
                    PageId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Shopper = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Shop = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InsightActiveConversations", x => new { x.PageId, x.Day, x.Shopper });
                });

            migrationBuilder.CreateTable(
                name: "InsightDays",
                columns: table => new
                {
                    Shop = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    PageId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Conversations = table.Column<long>(type: "INTEGER", nullable: false),
                    ShopperMessages = table.Column<long>(type: "INTEGER", nullable: false),
                    BotMessages = table.Column<long>(type: "INTEGER", nullable: false),
                    PersonMessages = table.Column<long>(type: "INTEGER", nullable: false),
                    Handoffs = table.Column<long>(type: "INTEGER", nullable: false),
                    CardsShown = table.Column<long>(type: "INTEGER", nullable: false),
                    BuyClicks = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InsightDays", x => new { x.Shop, x.PageId, x.Day });
                });

            migrationBuilder.CreateTable(
                name: "InsightProductClicks",
                columns: table => new
                {
                    Shop = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    PageId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ProductId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    VariantId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Clicks = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InsightProductClicks", x => new { x.Shop, x.PageId, x.Day, x.ProductId, x.VariantId });
                });

            migrationBuilder.CreateTable(
                name: "MessengerEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Mid = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    PageId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Psid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Payload = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    AppId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Timestamp = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ProcessedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MessengerEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OAuthStates",
                columns: table => new
                {
                    State = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Shop = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OAuthStates", x => x.State);
                });

            migrationBuilder.CreateTable(
                name: "PageBotSwitches",
                columns: table => new
                {
                    PageId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Shop = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    BotOn = table.Column<bool>(type: "INTEGER", nullable: false),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PageBotSwitches", x => x.PageId);
                });

            migrationBuilder.CreateTable(
                name: "PendingSnapshots",
                columns: table => new
                {
                    Shop = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    QueuedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PendingSnapshots", x => x.Shop);
                });

            migrationBuilder.CreateTable(
                name: "ShopReconciliations",
                columns: table => new
                {
                    Shop = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ReconciledAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShopReconciliations", x => x.Shop);
                });

            migrationBuilder.CreateTable(
                name: "ShopSyncStates",
                columns: table => new
                {
                    Shop = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    LastSyncAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastSyncMode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    LastFailureAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastFailureMode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    LastFailure = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    LastFailureUnapplied = table.Column<int>(type: "INTEGER", nullable: false),
                    LastFailureRetrying = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShopSyncStates", x => x.Shop);
                });

            migrationBuilder.CreateTable(
                name: "ShopTokenStates",
                columns: table => new
                {
                    Domain = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ProtectedRefreshToken = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    AccessTokenIssuedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AccessTokenExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RefreshTokenExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastRefreshedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Refreshes = table.Column<int>(type: "INTEGER", nullable: false),
                    ReauthorizationRequiredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReauthorizationReason = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShopTokenStates", x => x.Domain);
                });

            migrationBuilder.CreateTable(
                name: "Shops",
                columns: table => new
                {
                    Domain = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ProtectedAccessToken = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    InstalledAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UninstalledAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Shops", x => x.Domain);
                });

            migrationBuilder.CreateTable(
                name: "SnapshotPublications",
                columns: table => new
                {
                    Shop = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    PublishedHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PublishedBytes = table.Column<long>(type: "INTEGER", nullable: true),
                    CheckedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PendingHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    PendingSince = table.Column<long>(type: "INTEGER", nullable: true),
                    PendingAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    LastErrorAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SnapshotPublications", x => x.Shop);
                });

            migrationBuilder.CreateTable(
                name: "SnapshotPublishRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Shop = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Retry = table.Column<bool>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SnapshotPublishRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SyncRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Shop = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Seconds = table.Column<double>(type: "REAL", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Fetch = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Added = table.Column<int>(type: "INTEGER", nullable: false),
                    Updated = table.Column<int>(type: "INTEGER", nullable: false),
                    Removed = table.Column<int>(type: "INTEGER", nullable: false),
                    Unapplied = table.Column<int>(type: "INTEGER", nullable: false),
                    Queries = table.Column<int>(type: "INTEGER", nullable: false),
                    Cost = table.Column<long>(type: "INTEGER", nullable: false),
                    BucketAvailable = table.Column<double>(type: "REAL", nullable: true),
                    BucketMaximum = table.Column<double>(type: "REAL", nullable: true),
                    RestoreRate = table.Column<double>(type: "REAL", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SyncRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WebhookDeliveries",
                columns: table => new
                {
                    EventId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Shop = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Topic = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TriggeredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    ProcessedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookDeliveries", x => x.EventId);
                });

            migrationBuilder.CreateTable(
                name: "WebhookRejections",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Shop = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Topic = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookRejections", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WebhookSubscriptionRecords",
                columns: table => new
                {
                    Shop = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Topic = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    SubscriptionId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    RegisteredAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookSubscriptionRecords", x => new { x.Shop, x.Topic });
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConversationHandoffs_PageId_State",
                table: "ConversationHandoffs",
                columns: new[] { "PageId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_ConversationMemories_Shop",
                table: "ConversationMemories",
                column: "Shop");

            migrationBuilder.CreateIndex(
                name: "IX_ConversationMessages_PageId_Psid_At",
                table: "ConversationMessages",
                columns: new[] { "PageId", "Psid", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_InsightActiveConversations_Shop",
                table: "InsightActiveConversations",
                column: "Shop");

            migrationBuilder.CreateIndex(
                name: "IX_InsightActiveConversations_Shopper",
                table: "InsightActiveConversations",
                column: "Shopper");

            migrationBuilder.CreateIndex(
                name: "IX_InsightDays_Day",
                table: "InsightDays",
                column: "Day");

            migrationBuilder.CreateIndex(
                name: "IX_MessengerEvents_Mid",
                table: "MessengerEvents",
                column: "Mid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MessengerEvents_ProcessedAt_PageId_Psid",
                table: "MessengerEvents",
                columns: new[] { "ProcessedAt", "PageId", "Psid" });

            migrationBuilder.CreateIndex(
                name: "IX_SnapshotPublishRecords_Shop_At",
                table: "SnapshotPublishRecords",
                columns: new[] { "Shop", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_SyncRuns_Shop_StartedAt",
                table: "SyncRuns",
                columns: new[] { "Shop", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_ProcessedAt",
                table: "WebhookDeliveries",
                column: "ProcessedAt");

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_Shop_ReceivedAt",
                table: "WebhookDeliveries",
                columns: new[] { "Shop", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_WebhookRejections_Shop_At",
                table: "WebhookRejections",
                columns: new[] { "Shop", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AssistantSettings");

            migrationBuilder.DropTable(
                name: "ConnectedPages");

            migrationBuilder.DropTable(
                name: "ConversationHandoffs");

            migrationBuilder.DropTable(
                name: "ConversationMemories");

            migrationBuilder.DropTable(
                name: "ConversationMessages");

            migrationBuilder.DropTable(
                name: "DataDeletionRequests");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "InsightActiveConversations");

            migrationBuilder.DropTable(
                name: "InsightDays");

            migrationBuilder.DropTable(
                name: "InsightProductClicks");

            migrationBuilder.DropTable(
                name: "MessengerEvents");

            migrationBuilder.DropTable(
                name: "OAuthStates");

            migrationBuilder.DropTable(
                name: "PageBotSwitches");

            migrationBuilder.DropTable(
                name: "PendingSnapshots");

            migrationBuilder.DropTable(
                name: "ShopReconciliations");

            migrationBuilder.DropTable(
                name: "ShopSyncStates");

            migrationBuilder.DropTable(
                name: "ShopTokenStates");

            migrationBuilder.DropTable(
                name: "Shops");

            migrationBuilder.DropTable(
                name: "SnapshotPublications");

            migrationBuilder.DropTable(
                name: "SnapshotPublishRecords");

            migrationBuilder.DropTable(
                name: "SyncRuns");

            migrationBuilder.DropTable(
                name: "WebhookDeliveries");

            migrationBuilder.DropTable(
                name: "WebhookRejections");

            migrationBuilder.DropTable(
                name: "WebhookSubscriptionRecords");
        }
    }
}
