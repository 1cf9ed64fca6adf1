using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesBot.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InstagramAccounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "InstagramAccountId",
                table: "ConnectedPages",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InstagramUsername",
                table: "ConnectedPages",
                type: "character varying(255)",
                maxLength: 255,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConnectedPages_InstagramAccountId",
                table: "ConnectedPages",
                column: "InstagramAccountId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ConnectedPages_InstagramAccountId",
                table: "ConnectedPages");

            migrationBuilder.DropColumn(
                name: "InstagramAccountId",
                table: "ConnectedPages");

            migrationBuilder.DropColumn(
                name: "InstagramUsername",
                table: "ConnectedPages");
        }
    }
}
