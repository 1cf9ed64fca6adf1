using SalesBot.Configuration;
using SalesBot.Shopify.Sync;
using SalesBot.Snapshots;

namespace SalesBot.Tests.Snapshots;

/// <summary>
/// The publisher contract against a real S3 server (s3rver), counting the PUT requests the SDK sends;
/// an outage is the server process stopped and started again on the same port.
/// </summary>
public sealed class S3PublisherTests(S3rverFixture s3rver) : SnapshotPublisherContract, IClassFixture<S3rverFixture>
{
    private readonly RequestCounter requests = new();
    private S3SnapshotStore? store;

    protected override ISnapshotStore Store => store ??= Create(s3rver.Options(), requests);
    protected override int Writes => requests.Count(HttpMethod.Put);
    protected override void ResetWrites() => requests.Reset();
    protected override Task TakeStoreDownAsync(string shop) => s3rver.StopAsync();
    protected override Task BringStoreUpAsync(string shop) => s3rver.StartAsync();

    public override async Task DisposeAsync()
    {
        store?.Dispose();
        await s3rver.StartAsync();
        await base.DisposeAsync();
    }

    private static S3SnapshotStore Create(SpacesOptions options, RequestCounter? counter = null) =>
        new(SpacesClient.Create(options, counter), options.Bucket!, options.EffectiveEndpoint);

    [Fact]
    public async Task Unchanged_decision_is_one_head_and_no_download()
    {
        await using var harness = await PublisherHarness.StartAsync(Store, DataDir, retrying: false);
        var shop = CatalogSamples.NewShop();
        var data = CatalogSamples.Catalog(shop);
        await harness.Publisher.PublishAsync(shop, data, CancellationToken.None);
        requests.Reset();

        await harness.Publisher.PublishAsync(shop, data, CancellationToken.None);

        Assert.Equal(1, requests.Count(HttpMethod.Head));
        Assert.Equal(0, requests.Count(HttpMethod.Get));
        Assert.Equal(0, requests.Count(HttpMethod.Put));
    }

    [Fact]
    public async Task Object_is_private_json_with_the_hash_as_user_metadata()
    {
        await using var harness = await PublisherHarness.StartAsync(Store, DataDir, retrying: false);
        var shop = CatalogSamples.NewShop();
        var result = await harness.Publisher.PublishAsync(shop, CatalogSamples.Catalog(shop), CancellationToken.None);
        using var s3 = SpacesClient.Create(s3rver.Options());

        var head = await s3.GetObjectMetadataAsync(S3rverFixture.Bucket, $"{shop}/shopify_data.json");
        var acl = await s3.GetObjectAclAsync(new() { BucketName = S3rverFixture.Bucket, Key = $"{shop}/shopify_data.json" });

        Assert.Equal("application/json; charset=utf-8", head.Headers.ContentType);
        Assert.Equal(result.Hash, head.Metadata["x-amz-meta-content-sha256"]);
        Assert.DoesNotContain(acl.Grants ?? [], g => g.Grantee.URI?.Contains("AllUsers") == true);
    }

    [Fact]
    public async Task Wrong_access_key_fails_naming_bad_credentials_without_the_secret()
    {
        // s3rver checks the access key but accepts any secret with SigV4, so only a wrong key can be tested here.
        using var wrong = Create(s3rver.Options(accessKey: "NOT-A-KEY"));
        await using var harness = await PublisherHarness.StartAsync(wrong, DataDir, retrying: false);
        var shop = CatalogSamples.NewShop();

        var result = await harness.Publisher.PublishAsync(shop, CatalogSamples.Catalog(shop), CancellationToken.None);

        Assert.Equal(PublishResult.Failed, result.Status);
        Assert.StartsWith($"Failed to upload to Spaces for {shop}: bad credentials", result.Message);
        Assert.Contains("InvalidAccessKeyId", result.Message);
        Assert.DoesNotContain(S3rverFixture.SecretKey, result.Message);
        var check = await Assert.ThrowsAsync<SnapshotStoreException>(() => wrong.CheckAsync(CancellationToken.None));
        Assert.StartsWith("bad credentials", check.Reason);
    }

    [Fact]
    public async Task Missing_bucket_fails_naming_the_bucket()
    {
        using var missing = Create(s3rver.Options(bucket: "no-such-bucket"));
        await using var harness = await PublisherHarness.StartAsync(missing, DataDir, retrying: false);
        var shop = CatalogSamples.NewShop();

        var result = await harness.Publisher.PublishAsync(shop, CatalogSamples.Catalog(shop), CancellationToken.None);

        Assert.Equal(PublishResult.Failed, result.Status);
        Assert.Contains("missing bucket: bucket 'no-such-bucket'", result.Message);
        var check = await Assert.ThrowsAsync<SnapshotStoreException>(() => missing.CheckAsync(CancellationToken.None));
        Assert.StartsWith("missing bucket", check.Reason);
    }

    [Fact]
    public async Task Unreachable_endpoint_fails_naming_the_endpoint()
    {
        await s3rver.StopAsync();
        try
        {
            await using var harness = await PublisherHarness.StartAsync(Store, DataDir, retrying: false);
            var shop = CatalogSamples.NewShop();

            var result = await harness.Publisher.PublishAsync(shop, CatalogSamples.Catalog(shop), CancellationToken.None);

            Assert.Equal(PublishResult.Failed, result.Status);
            Assert.Contains($"unreachable endpoint: {s3rver.Endpoint} did not answer", result.Message);
            Assert.Equal(result.Message.Split(": ", 2)[1].Split(". The catalog")[0], (await harness.StateAsync(shop))?.LastError);
        }
        finally
        {
            await s3rver.StartAsync();
        }
    }
}
