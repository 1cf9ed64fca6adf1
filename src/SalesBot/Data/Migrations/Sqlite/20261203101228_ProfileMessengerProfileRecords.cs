using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesBot.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProfileMessengerProfileRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MessengerProfileRecords",
                columns: table => new
                {
                    PageId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AttemptedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MessengerProfileRecords", x => x.PageId);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MessengerProfileRecords");
        }
    }
}
