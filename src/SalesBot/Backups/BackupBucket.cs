using Amazon.S3;
using Amazon.S3.Model;
using SalesBot.Configuration;
using SalesBot.Snapshots;

namespace SalesBot.Backups;

/// <summary>The backups under <c>backups/</c> in the Spaces bucket the snapshots use (same client settings: <see cref="SpacesClient"/>).</summary>
public sealed class BackupBucket(IAmazonS3 s3, string bucket) : IDisposable
{
    public static BackupBucket Create(SpacesOptions spaces) => new(SpacesClient.Create(spaces), spaces.Bucket!);

    public string Name => bucket;

    public async Task UploadAsync(string key, string file, CancellationToken cancellationToken) =>
        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = key,
            FilePath = file,
            ContentType = "application/gzip",
            CannedACL = S3CannedACL.Private,
            // As for snapshots: s3rver would store aws-chunked framing as data.
            UseChunkEncoding = false,
        }, cancellationToken);

    /// <summary>Every backup's key, oldest first (other objects under <c>backups/</c> are not backups and are left alone).</summary>
    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = BackupKeys.Prefix };
        ListObjectsV2Response response;
        do
        {
            response = await s3.ListObjectsV2Async(request, cancellationToken);
            keys.AddRange((response.S3Objects ?? []).Select(o => o.Key).Where(k => BackupKeys.TimeOf(k) is not null));
            request.ContinuationToken = response.NextContinuationToken;
        } while (response.IsTruncated == true);
        return keys.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Deletes all but the newest <paramref name="keep"/> backups; returns the deleted keys.</summary>
    public async Task<IReadOnlyList<string>> PruneAsync(int keep, CancellationToken cancellationToken)
    {
        var all = await ListAsync(cancellationToken);
        var old = all.Take(Math.Max(0, all.Count - keep)).ToList();
        foreach (var key in old)
            await s3.DeleteObjectAsync(bucket, key, cancellationToken);
        return old;
    }

    public async Task DownloadAsync(string key, string file, CancellationToken cancellationToken)
    {
        using var response = await s3.GetObjectAsync(bucket, key, cancellationToken);
        await using var output = File.Create(file);
        await response.ResponseStream.CopyToAsync(output, cancellationToken);
    }

    public void Dispose() => s3.Dispose();
}
