using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SalesBot.Data.Migrations.Postgres
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
                    Shop = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Greeting = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    SharedCodes = table.Column<List<string>>(type: "text[]", nullable: false),
                    HandoffPauseMinutes = table.Column<int>(type: "integer", nullable: true),
                    Disclosure = table.Column<bool>(type: "boolean", nullable: false),
                    TimeZone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    WeeklyHours = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    OutOfHoursReply = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssistantSettings", x => x.Shop);
                });

            migrationBuilder.CreateTable(
                name: "ConnectedPages",
                columns: table => new
                {
                    PageId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Shop = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    ProtectedAccessToken = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: false),
                    ConnectedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DisconnectedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConnectedPages", x => x.PageId);
                });

            migrationBuilder.CreateTable(
                name: "ConversationHandoffs",
                columns: table => new
                {
                    PageId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Psid = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReadThroughId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConversationHandoffs", x => new { x.PageId, x.Psid });
                });

            migrationBuilder.CreateTable(
                name: "ConversationMemories",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Shop = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    State = table.Column<string>(type: "character varying(32000)", maxLength: 32000, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConversationMemories", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "ConversationMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PageId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Psid = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Text = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    CardsJson = table.Column<string>(type: "text", nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConversationMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataDeletionRequests",
                columns: table => new
                {
                    ConfirmationCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DeletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Messages = table.Column<int>(type: "integer", nullable: false),
                    Events = table.Column<int>(type: "integer", nullable: false),
                    Pauses = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataDeletionRequests", x => x.ConfirmationCode);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "InsightActiveConversations",
                columns: table => new
                {
                    PageId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Shopper = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Shop = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InsightActiveConversations", x => new { x.PageId, x.Day, x.Shopper });
                });

            migrationBuilder.CreateTable(
                name: "InsightDays",
                columns: table => new
                {
                    Shop = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    PageId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Conversations = table.Column<long>(type: "bigint", nullable: false),
                    ShopperMessages = table.Column<long>(type: "bigint", nullable: false),
                    BotMessages = table.Column<long>(type: "bigint", nullable: false),
                    PersonMessages = table.Column<long>(type: "bigint", nullable: false),
                    Handoffs = table.Column<long>(type: "bigint", nullable: false),
                    CardsShown = table.Column<long>(type: "bigint", nullable: false),
                    BuyClicks = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InsightDays", x => new { x.Shop, x.PageId, x.Day });
                });

            migrationBuilder.CreateTable(
                name: "InsightProductClicks",
                columns: table => new
                {
                    Shop = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    PageId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    ProductId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    VariantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Clicks = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InsightProductClicks", x => new { x.Shop, x.PageId, x.Day, x.ProductId, x.VariantId });
                });

            migrationBuilder.CreateTable(
                name: "MessengerEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Mid = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    PageId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Psid = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Payload = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    AppId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Timestamp = table.Column<long>(type: "bigint", nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ProcessedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MessengerEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OAuthStates",
                columns: table => new
                {
                    State = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Purpose = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Shop = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OAuthStates", x => x.State);
                });

            migrationBuilder.CreateTable(
                name: "PageBotSwitches",
                columns: table => new
                {
                    PageId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Shop = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    BotOn = table.Column<bool>(type: "boolean", nullable: false),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PageBotSwitches", x => x.PageId);
                });

            migrationBuilder.CreateTable(
                name: "PendingSnapshots",
                columns: table => new
                {
                    Shop = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    QueuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PendingSnapshots", x => x.Shop);
                });

            migrationBuilder.CreateTable(
                name: "ShopReconciliations",
                columns: table => new
                {
                    Shop = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    ReconciledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShopReconciliations", x => x.Shop);
                });

            migrationBuilder.CreateTable(
                name: "ShopSyncStates",
                columns: table => new
                {
                    Shop = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    LastSyncAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastSyncMode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    LastFailureAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastFailureMode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    LastFailure = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    LastFailureUnapplied = table.Column<int>(type: "integer", nullable: false),
                    LastFailureRetrying = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShopSyncStates", x => x.Shop);
                });

            migrationBuilder.CreateTable(
                name: "ShopTokenStates",
                columns: table => new
                {
                    Domain = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    ProtectedRefreshToken = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    AccessTokenIssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AccessTokenExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RefreshTokenExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastRefreshedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Refreshes = table.Column<int>(type: "integer", nullable: false),
                    ReauthorizationRequiredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReauthorizationReason = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShopTokenStates", x => x.Domain);
                });

            migrationBuilder.CreateTable(
                name: "Shops",
                columns: table => new
                {
                    Domain = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    ProtectedAccessToken = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    Scope = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    InstalledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UninstalledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Shops", x => x.Domain);
                });

            migrationBuilder.CreateTable(
                name: "SnapshotPublications",
                columns: table => new
                {
                    Shop = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    PublishedHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PublishedBytes = table.Column<long>(type: "bigint", nullable: true),
                    CheckedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PendingHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PendingSince = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PendingAttempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    LastErrorAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SnapshotPublications", x => x.Shop);
                });

            migrationBuilder.CreateTable(
                name: "SnapshotPublishRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Shop = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Bytes = table.Column<long>(type: "bigint", nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Retry = table.Column<bool>(type: "boolean", nullable: false),
                    Error = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SnapshotPublishRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SyncRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Shop = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Seconds = table.Column<double>(type: "double precision", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Fetch = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Added = table.Column<int>(type: "integer", nullable: false),
                    Updated = table.Column<int>(type: "integer", nullable: false),
                    Removed = table.Column<int>(type: "integer", nullable: false),
                    Unapplied = table.Column<int>(type: "integer", nullable: false),
                    Queries = table.Column<int>(type: "integer", nullable: false),
                    Cost = table.Column<long>(type: "bigint", nullable: false),
                    BucketAvailable = table.Column<double>(type: "double precision", nullable: true),
                    BucketMaximum = table.Column<double>(type: "double precision", nullable: true),
                    RestoreRate = table.Column<double>(type: "double precision", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Error = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SyncRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WebhookDeliveries",
                columns: table => new
                {
                    EventId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Shop = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Topic = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    TriggeredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Payload = table.Column<string>(type: "text", nullable: false),
                    ProcessedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookDeliveries", x => x.EventId);
                });

            migrationBuilder.CreateTable(
                name: "WebhookRejections",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Shop = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Topic = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Reason = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookRejections", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WebhookSubscriptionRecords",
                columns: table => new
                {
                    Shop = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Topic = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Address = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    SubscriptionId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    RegisteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
