using Amazon.S3.Model;
using SalesBot.Backups;
using SalesBot.Snapshots;
using SalesBot.Tests.Snapshots;
using SalesBot.Tests.Support;
using SalesBot.Tests.Webhooks;

namespace SalesBot.Tests.Backups;

/// <summary>The schedule as the service runs it: every BACKUP_INTERVAL from the newest backup, the newest BACKUP_RETENTION kept.</summary>
public sealed class BackupScheduleTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    [Fact]
    public void A_backup_key_names_its_UTC_time_and_nothing_else_passes_for_one()
    {
        var time = new DateTimeOffset(2026, 12, 2, 3, 0, 7, TimeSpan.FromHours(2));
        var key = BackupKeys.For(time);
        Assert.Equal("backups/salesbot-2026-12-02T010007Z.tar.gz", key);
        Assert.Equal(time, BackupKeys.TimeOf(key));
        Assert.Null(BackupKeys.TimeOf("backups/salesbot-notes.tar.gz"));
        Assert.Null(BackupKeys.TimeOf("backups/README.txt"));
    }

    [Fact]
    public async Task Backups_run_on_schedule_keep_the_newest_and_a_restart_does_not_back_up_again_early()
    {
        using var s3Client = SpacesClient.Create(s3.Options());
        // Not a backup: retention must leave it alone.
        await s3Client.PutObjectAsync(new PutObjectRequest { BucketName = S3rverFixture.Bucket, Key = "backups/README.txt", ContentBody = "kept by hand", UseChunkEncoding = false });
        var settings = Spaces(interval: "00:00:01", retention: "2");
        await using (var app = SalesBotApp.Start(settings))
        {
            using var bucket = BackupBucket.Create(s3.Options());
            IReadOnlyList<string> first = [];
            await LiveShop.WaitUntilAsync(async () => (first = await bucket.ListAsync(default)).Count > 0, "the first backup", 10);
            var firstKey = first[0];
            // A third backup means the first one was pruned.
            await LiveShop.WaitUntilAsync(async () =>
            {
                var now = await bucket.ListAsync(default);
                return BackupKeys.TimeOf(now[^1]) >= BackupKeys.TimeOf(firstKey) + TimeSpan.FromSeconds(2) && !now.Contains(firstKey);
            }, "a third scheduled backup and the first one pruned", 15);
            var listed = await s3Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = S3rverFixture.Bucket, Prefix = "backups/" });
            Assert.Contains(listed.S3Objects, o => o.Key == "backups/README.txt");
        }

        // Restarted with a day's interval: the newest backup is seconds old, so the next is a day away, not now.
        using var after = BackupBucket.Create(s3.Options());
        var before = await after.ListAsync(default);
        Assert.Equal(2, before.Count);   // listed with the service stopped: no upload is between its PUT and its pruning
        await using (SalesBotApp.Start(Spaces(interval: "1.00:00:00", retention: "2")))
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Equal(before, await after.ListAsync(default));
        }
    }

    private Dictionary<string, string?> Spaces(string interval, string retention) => new()
    {
        ["SPACES_BUCKET"] = S3rverFixture.Bucket, ["SPACES_ENDPOINT"] = s3.Endpoint, ["SPACES_REGION"] = "us-east-1",
        ["SPACES_ACCESS_KEY"] = S3rverFixture.AccessKey, ["SPACES_SECRET_KEY"] = S3rverFixture.SecretKey,
        ["DATABASE_URL"] = "", ["BACKUP_INTERVAL"] = interval, ["BACKUP_RETENTION"] = retention,
    };
}
