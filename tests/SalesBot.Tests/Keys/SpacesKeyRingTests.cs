using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.EntityFrameworkCore;
using SalesBot.Data;
using SalesBot.Shopify.Auth;
using SalesBot.Snapshots;
using SalesBot.Tests.Snapshots;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Keys;

/// <summary>
/// PostgreSQL with Spaces (the App Platform layout): the key ring lives under <c>keys/</c> in the bucket, apart from the
/// tokens' database, encrypted with the certificate. A deployment whose keys were in the DataProtectionKeys table keeps
/// every token readable: the keys are copied to the bucket at the first start and the table is not needed afterwards.
/// A real PostgreSQL server and a real s3rver, each test with a database and a bucket of its own.
/// </summary>
public sealed class SpacesKeyRingTests(PostgresFixture postgres, S3rverFixture s3rver) : IClassFixture<PostgresFixture>, IClassFixture<S3rverFixture>
{
    private const string Shop = "spaces-keys.myshopify.com";
    private static readonly AccessTokenResponse Token = new("shpat_" + Guid.NewGuid().ToString("N"), "read_products", 3600, "shprt_" + Guid.NewGuid().ToString("N"), 7_776_000);

    [PostgresFact]
    public async Task Keys_kept_in_the_database_are_copied_to_Spaces_encrypted_and_every_token_still_decrypts()
    {
        var databaseUrl = await postgres.CreateDatabaseAsync();
        var bucket = await CreateBucketAsync();
        var certificate = TestCertificate.Create();

        // Before: PostgreSQL alone, the key ring in the table beside the tokens (unencrypted, as older versions did).
        await using (var before = SalesBotApp.Start(new Dictionary<string, string?> { ["DATABASE_URL"] = databaseUrl }))
            await before.Get<ShopTokenStore>().SaveAsync(Shop, Token, default);

        var spaces = Spaces(databaseUrl, bucket, certificate);
        await using (var after = SalesBotApp.Start(spaces))
        {
            Assert.Equal(Token.AccessToken, (await after.Get<ShopTokenStore>().GetAsync(Shop, default))!.AccessToken);
            var objects = await KeyObjectsAsync(bucket);
            await using var db = await after.Get<IDbContextFactory<SalesBotDbContext>>().CreateDbContextAsync();
            var legacy = await db.DataProtectionKeys.ToListAsync();
            Assert.NotEmpty(legacy);
            Assert.Equal(legacy.Count, objects.Count);
            foreach (var xml in objects.Values)
            {
                Assert.Contains("encryptedSecret", xml);
                Assert.DoesNotContain("<masterKey", xml);
            }
            // The table is no longer read: emptied, the next start still reads every token from the bucket's keys.
            await db.DataProtectionKeys.ExecuteDeleteAsync();
        }

        await using var later = SalesBotApp.Start(spaces);
        var stored = await later.Get<ShopTokenStore>().GetAsync(Shop, default);
        Assert.Equal(Token.AccessToken, stored!.AccessToken);
        Assert.Equal(Token.RefreshToken, stored.RefreshToken);
    }

    [PostgresFact]
    public async Task Two_instances_on_an_empty_bucket_make_one_key_and_read_each_others_tokens()
    {
        var databaseUrl = await postgres.CreateDatabaseAsync();
        var bucket = await CreateBucketAsync();
        var spaces = Spaces(databaseUrl, bucket, TestCertificate.Create());

        var starting = new[] { Task.Run(() => SalesBotApp.Start(spaces)), Task.Run(() => SalesBotApp.Start(spaces)) };
        var apps = await Task.WhenAll(starting);
        await using var a = apps[0];
        await using var b = apps[1];

        var objects = await KeyObjectsAsync(bucket);
        var key = Assert.Single(objects);
        Assert.DoesNotContain("<masterKey", key.Value);
        await a.Get<ShopTokenStore>().SaveAsync(Shop, Token, default);
        Assert.Equal(Token.AccessToken, await b.Get<ShopTokenStore>().GetAccessTokenAsync(Shop, default));
        Assert.False(Directory.Exists(Path.Combine(a.DataDir, "keys")));
        await using var db = await a.Get<IDbContextFactory<SalesBotDbContext>>().CreateDbContextAsync();
        Assert.Empty(await db.DataProtectionKeys.ToListAsync());
    }

    private Dictionary<string, string?> Spaces(string databaseUrl, string bucket, TestCertificate certificate) => new(certificate.Settings())
    {
        ["DATABASE_URL"] = databaseUrl,
        ["SPACES_BUCKET"] = bucket,
        ["SPACES_ACCESS_KEY"] = S3rverFixture.AccessKey,
        ["SPACES_SECRET_KEY"] = S3rverFixture.SecretKey,
        ["SPACES_REGION"] = "us-east-1",
        ["SPACES_ENDPOINT"] = s3rver.Endpoint,
    };

    private async Task<string> CreateBucketAsync()
    {
        var name = "keys-" + Guid.NewGuid().ToString("N")[..12];
        using var s3 = SpacesClient.Create(s3rver.Options(bucket: name));
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = name });
        return name;
    }

    private async Task<Dictionary<string, string>> KeyObjectsAsync(string bucket)
    {
        using var s3 = SpacesClient.Create(s3rver.Options(bucket: bucket));
        var listed = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = "keys/" });
        var objects = new Dictionary<string, string>();
        foreach (var entry in listed.S3Objects ?? [])
        {
            using var response = await s3.GetObjectAsync(bucket, entry.Key);
            using var reader = new StreamReader(response.ResponseStream);
            objects[entry.Key] = await reader.ReadToEndAsync();
        }
        return objects;
    }
}
