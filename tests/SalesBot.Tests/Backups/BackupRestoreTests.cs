using SalesBot.Backups;
using SalesBot.Facebook;
using SalesBot.Shopify.Auth;
using SalesBot.Shopify.Sync;
using SalesBot.Tests.Snapshots;
using SalesBot.Tests.Support;
using SalesBot.Tests.Webhooks;

namespace SalesBot.Tests.Backups;

/// <summary>
/// The documented restore, end to end: a filled app is backed up to s3rver, <c>dotnet SalesBot.dll restore-backup
/// latest</c> (the real command line, as its own process) puts it into an empty DATA_DIR, and the app started there
/// has every row, and tokens that its restored key ring still decrypts and Shopify still accepts.
/// </summary>
public sealed class BackupRestoreTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    /// <summary>Backups are SQLite's: this holds under SALESBOT_TEST_DATABASE=postgres too.</summary>
    private static readonly Dictionary<string, string?> Sqlite = new() { ["DATABASE_URL"] = "" };

    [Fact]
    public async Task A_backup_restored_into_an_empty_data_dir_brings_back_every_row_and_tokens_that_still_decrypt()
    {
        await using var live = await LiveShop.StartAsync(s3, Sqlite);
        await live.InstallAsync();
        var page = "page-" + Guid.NewGuid().ToString("N")[..8];
        Assert.True(await live.App.Get<PageStore>().TrySaveAsync(page, "Shop page", live.Shop, LiveShop.SandboxPageToken, default));
        var psid = "psid-" + Guid.NewGuid().ToString("N")[..8];
        await live.PostMessengerAsync(page, psid, "hello");
        await live.PostMessengerAsync(page, psid, "what do you sell?");
        await live.WaitForConversationsAsync();
        var key = new ConversationKey(page, psid);
        var history = await live.App.Get<ConversationStore>().RecentAsync(key, default);
        var shopToken = await live.App.Get<ShopTokenStore>().GetAccessTokenAsync(live.Shop, default);
        Assert.NotNull(shopToken);

        // Counted before and after the backup: equal counts mean no background write slipped in between.
        var database = Path.Combine(live.App.DataDir, BackupArchive.DatabaseEntry);
        SortedDictionary<string, long> rows;
        BackupResult backup;
        var attempts = 0;
        do
        {
            rows = BackupFiles.RowCounts(database);
            backup = await live.App.Get<DatabaseBackup>().BackupNowAsync(default);
        } while (!rows.SequenceEqual(BackupFiles.RowCounts(database)) && ++attempts < 5);
        Assert.True(backup.KeyFiles > 0, "the backup carries no Data Protection key");
        Assert.All(["Shops", "ConversationMessages", "MessengerEvents", "ConnectedPages"], table =>
            Assert.True(rows.GetValueOrDefault(table) > 0, $"table {table} is empty before the backup: {string.Join(", ", rows)}"));

        var restored = Directory.CreateTempSubdirectory("salesbot-restored-").FullName;
        await live.RestartAppAsync(Sqlite, dataDir: restored, whileStopped: async () =>
        {
            var (code, output) = await ServiceProcess.RunCommandAsync(["restore-backup", "latest"], LiveShop.Settings(s3, live.Sandbox, Sqlite), restored);
            Assert.True(code == 0, output);
            Assert.Contains(backup.Key, output);
            Assert.Equal(rows, BackupFiles.RowCounts(Path.Combine(restored, BackupArchive.DatabaseEntry)));
            if (!OperatingSystem.IsWindows())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(restored, BackupArchive.DatabaseEntry)));
        });

        // Decrypted with the restored key ring: a different ring would throw here.
        Assert.Equal(shopToken, await live.App.Get<ShopTokenStore>().GetAccessTokenAsync(live.Shop, default));
        Assert.Equal(LiveShop.SandboxPageToken, (await live.App.Get<PageStore>().GetAsync(page, default))!.Token);
        Assert.Equal(history, await live.App.Get<ConversationStore>().RecentAsync(key, default));
        // And Shopify still takes the token: the restored app reads the whole catalog with it.
        var sync = await live.App.Get<FullSync>().ReconcileAsync(live.Shop, default);
        Assert.True(sync.Failure is null, sync.Failure);
        var snapshot = await live.SnapshotAsync();
        Assert.Equal(live.Store.Products.Count, snapshot!.Products.Nodes.Count);
    }

    [Fact]
    public async Task Restore_refuses_postgres_and_names_the_backups_when_no_key_is_given()
    {
        var dataDir = Directory.CreateTempSubdirectory("salesbot-restore-").FullName;
        var spaces = new Dictionary<string, string?>
        {
            ["SPACES_BUCKET"] = S3rverFixture.Bucket, ["SPACES_ENDPOINT"] = s3.Endpoint, ["SPACES_REGION"] = "us-east-1",
            ["SPACES_ACCESS_KEY"] = S3rverFixture.AccessKey, ["SPACES_SECRET_KEY"] = S3rverFixture.SecretKey, ["DATABASE_URL"] = "",
        };
        var (usage, usageOutput) = await ServiceProcess.RunCommandAsync(["restore-backup"], spaces, dataDir);
        Assert.Equal(2, usage);
        Assert.Contains("usage: dotnet SalesBot.dll restore-backup latest|<key>", usageOutput);

        var (unknown, unknownOutput) = await ServiceProcess.RunCommandAsync(["restore-backup", "backups/salesbot-2001-01-01T000000Z.tar.gz"], spaces, dataDir);
        Assert.Equal(2, unknown);
        Assert.Contains("no backup 'backups/salesbot-2001-01-01T000000Z.tar.gz'", unknownOutput);
        Assert.False(File.Exists(Path.Combine(dataDir, BackupArchive.DatabaseEntry)));

        spaces["DATABASE_URL"] = "postgres://u:p@127.0.0.1:1/db";
        var (postgres, postgresOutput) = await ServiceProcess.RunCommandAsync(["restore-backup", "latest"], spaces, dataDir);
        Assert.Equal(2, postgres);
        Assert.Contains("managed database's own backups", postgresOutput);
    }
}
