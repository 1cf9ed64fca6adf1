using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesBot.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RoutingThreadOwner : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ThreadOwnerAppId",
                table: "ConversationHandoffs",
                type: "TEXT",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ThreadOwnerAppId",
                table: "ConversationHandoffs");
        }
    }
}
