using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesBot.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RetentionSweepIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_ReceivedAt",
                table: "WebhookDeliveries",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_OAuthStates_ExpiresAt",
                table: "OAuthStates",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_MessengerEvents_ReceivedAt",
                table: "MessengerEvents",
                column: "ReceivedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WebhookDeliveries_ReceivedAt",
                table: "WebhookDeliveries");

            migrationBuilder.DropIndex(
                name: "IX_OAuthStates_ExpiresAt",
                table: "OAuthStates");

            migrationBuilder.DropIndex(
                name: "IX_MessengerEvents_ReceivedAt",
                table: "MessengerEvents");
        }
    }
}
