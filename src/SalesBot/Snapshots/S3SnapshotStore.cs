using System.Net;
using System.Runtime.InteropServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace SalesBot.Snapshots;

/// <summary>
/// Snapshots in Spaces (any S3-compatible store). One PutObject replaces the object atomically, so readers
/// see the old catalog or the new one; the canonical hash rides along as <c>x-amz-meta-content-sha256</c>.
/// </summary>
public sealed class S3SnapshotStore(IAmazonS3 s3, string bucket, string endpoint) : ISnapshotStore, IDisposable
{
    /// <summary>User metadata name; the SDK sends it as <c>x-amz-meta-content-sha256</c>.</summary>
    public const string HashMetadata = "content-sha256";

    public string Kind => "spaces";

    public async Task<SnapshotHead?> HeadAsync(string shop, CancellationToken cancellationToken)
    {
        var key = SnapshotKeys.For(shop);
        try
        {
            var head = await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = key }, cancellationToken);
            return new SnapshotHead(key, head.Metadata[HashMetadata], head.LastModified, head.ContentLength);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            // A HEAD has no error body, so a missing bucket looks like a missing object here; the PUT that follows names it.
            return null;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.Forbidden)
        {
            // A HEAD's 403 has no error code either: ask a request with a body which credential is wrong.
            throw await DiagnoseAsync(e, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not SnapshotStoreException)
        {
            throw Translate(e);
        }
    }

    public async Task<SnapshotObject?> GetAsync(string shop, CancellationToken cancellationToken)
    {
        var key = SnapshotKeys.For(shop);
        try
        {
            using var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key }, cancellationToken);
            using var buffer = new MemoryStream(response.ContentLength > 0 ? (int)response.ContentLength : 0);
            await response.ResponseStream.CopyToAsync(buffer, cancellationToken);
            var head = new SnapshotHead(key, response.Metadata[HashMetadata], response.LastModified, buffer.Length);
            return new SnapshotObject(head, buffer.ToArray());
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode != "NoSuchBucket")
        {
            return null;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Translate(e);
        }
    }

    public async Task PutAsync(string shop, ReadOnlyMemory<byte> json, string contentHash, CancellationToken cancellationToken)
    {
        var body = MemoryMarshal.TryGetArray(json, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(json.ToArray(), writable: false);
        var request = new PutObjectRequest
        {
            BucketName = bucket,
            Key = SnapshotKeys.For(shop),
            InputStream = body,
            AutoCloseStream = true,
            ContentType = "application/json; charset=utf-8",
            CannedACL = S3CannedACL.Private,
            // s3rver stores aws-chunked framing as data; Spaces is fine either way, so one setting for both.
            UseChunkEncoding = false,
        };
        request.Metadata[HashMetadata] = contentHash;
        try
        {
            await s3.PutObjectAsync(request, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Translate(e);
        }
    }

    public async Task DeleteAsync(string shop, CancellationToken cancellationToken)
    {
        try
        {
            await s3.DeleteObjectAsync(bucket, SnapshotKeys.For(shop), cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Translate(e);
        }
    }

    /// <summary>Lists at most one key: proves the endpoint answers, the credentials are accepted and the bucket exists.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            // A listing under a prefix nothing is stored at proves the bucket, the credentials and the right to list,
            // with an empty answer whatever the bucket holds (s3rver answered 500 to a MaxKeys=1 listing of a bucket holding snapshots and keys).
            await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = ".salesbot-check/", MaxKeys = 1 }, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Translate(e);
        }
    }

    public void Dispose() => s3.Dispose();

    private async Task<SnapshotStoreException> DiagnoseAsync(AmazonS3Exception headFailure, CancellationToken cancellationToken)
    {
        try
        {
            await CheckAsync(cancellationToken);
        }
        catch (SnapshotStoreException precise)
        {
            return precise;
        }
        return Translate(headFailure);
    }

    /// <summary>Names the cause in words a merchant can act on; S3 error messages and credentials stay out.</summary>
    private SnapshotStoreException Translate(Exception e)
    {
        var where = $"bucket '{bucket}' at {endpoint}";
        var reason = e switch
        {
            AmazonS3Exception { ErrorCode: "InvalidAccessKeyId" } =>
                $"bad credentials: the access key is not known to {endpoint} (InvalidAccessKeyId); check SPACES_ACCESS_KEY",
            AmazonS3Exception { ErrorCode: "SignatureDoesNotMatch" } =>
                $"bad credentials: the secret key does not match the access key (SignatureDoesNotMatch); check SPACES_SECRET_KEY",
            AmazonS3Exception { ErrorCode: "NoSuchBucket" } =>
                $"missing bucket: {where} does not exist (NoSuchBucket); create it or fix SPACES_BUCKET",
            AmazonS3Exception { StatusCode: HttpStatusCode.Forbidden } s =>
                $"bad credentials or no permission: {where} refused the request (HTTP 403 {s.ErrorCode}); check SPACES_ACCESS_KEY, SPACES_SECRET_KEY and the key's access to the bucket",
            AmazonServiceException s when Find<HttpRequestException>(s) is { } http =>
                $"unreachable endpoint: {endpoint} did not answer ({http.Message})",
            AmazonServiceException s when Find<TimeoutException>(s) is not null || Find<TaskCanceledException>(s) is not null =>
                $"unreachable endpoint: {endpoint} did not answer in time",
            AmazonServiceException s =>
                $"storage error from {where}: {s.ErrorCode ?? "no error code"} (HTTP {(int)s.StatusCode})",
            HttpRequestException http => $"unreachable endpoint: {endpoint} did not answer ({http.Message})",
            TimeoutException or TaskCanceledException or OperationCanceledException => $"unreachable endpoint: {endpoint} did not answer in time",
            AmazonClientException c when Find<HttpRequestException>(c) is { } http =>
                $"unreachable endpoint: {endpoint} did not answer ({http.Message})",
            _ => $"storage error talking to {where}: {e.GetType().Name}",
        };
        return new SnapshotStoreException(reason, e);
    }

    private static T? Find<T>(Exception e) where T : Exception
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
            if (current is T match) return match;
        return null;
    }
}
