using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesBot.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SocialCommentReplies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CommentReplies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PageId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CommentId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    PostId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    FromId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Psid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ClaimedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommentReplies", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CommentReplies_CommentId",
                table: "CommentReplies",
                column: "CommentId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CommentReplies_PageId_PostId_FromId",
                table: "CommentReplies",
                columns: new[] { "PageId", "PostId", "FromId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CommentReplies");
        }
    }
}
