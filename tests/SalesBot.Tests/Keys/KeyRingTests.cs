using SalesBot.Data;
using SalesBot.Shopify.Auth;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Keys;

/// <summary>
/// The key ring in DATA_DIR/keys (SQLite, one instance) encrypted with the configured certificate: tokens survive a
/// restart, no master key is stored in clear, the files are the service user's only, and every way the certificate can
/// be wrong or missing stops the start with one sentence naming the variable.
/// </summary>
public sealed class KeyRingTests
{
    private const string Shop = "keys-shop.myshopify.com";
    private static readonly AccessTokenResponse Token = new("shpat_" + Guid.NewGuid().ToString("N"), "read_products", 3600, "shprt_" + Guid.NewGuid().ToString("N"), 7_776_000);

    /// <summary>SQLite whatever SALESBOT_TEST_DATABASE says: these tests are about the key files in DATA_DIR.</summary>
    private static Dictionary<string, string?> Sqlite(Dictionary<string, string?> settings)
    {
        settings["DATABASE_URL"] = null;
        return settings;
    }

    [Fact]
    public async Task Tokens_saved_before_a_restart_decrypt_after_it_and_no_master_key_is_stored_in_clear()
    {
        var certificate = TestCertificate.Create();
        string dataDir;
        await using (var first = SalesBotApp.Start(Sqlite(certificate.Settings())))
        {
            dataDir = first.DataDir;
            await first.Get<ShopTokenStore>().SaveAsync(Shop, Token, default);
        }

        await using var second = SalesBotApp.Start(Sqlite(certificate.Settings()), dataDir);
        var stored = await second.Get<ShopTokenStore>().GetAsync(Shop, default);
        Assert.Equal(Token.AccessToken, stored!.AccessToken);
        Assert.Equal(Token.RefreshToken, stored.RefreshToken);

        var keyFiles = Directory.GetFiles(Path.Combine(dataDir, "keys"), "*.xml");
        Assert.NotEmpty(keyFiles);
        foreach (var file in keyFiles)
        {
            var xml = await File.ReadAllTextAsync(file);
            Assert.Contains("encryptedSecret", xml);
            Assert.DoesNotContain("<masterKey", xml);
            Assert.Contains("EncryptedXmlDecryptor", xml); // what CertificateXmlEncryptor writes: XML Encryption to the certificate
        }
    }

    [Fact]
    public async Task Data_folder_database_and_key_files_are_readable_by_the_service_user_only()
    {
        if (OperatingSystem.IsWindows()) return; // Unix modes; Windows keeps ACLs of the parent folder
        var certificate = TestCertificate.Create();
        // A folder left world-readable by an older version is made private again.
        var dataDir = Directory.CreateTempSubdirectory("salesbot-test-").FullName;
        File.SetUnixFileMode(dataDir, (UnixFileMode)0b111_101_101);
        await using var app = SalesBotApp.Start(Sqlite(certificate.Settings()), dataDir);
        await app.Get<ShopTokenStore>().SaveAsync(Shop, Token, default);

        Assert.Equal(DataDirectory.PrivateFolder, File.GetUnixFileMode(dataDir));
        Assert.Equal(DataDirectory.PrivateFolder, File.GetUnixFileMode(Path.Combine(dataDir, "keys")));
        var database = Path.Combine(dataDir, "salesbot.db");
        Assert.Equal(DataDirectory.PrivateFile, File.GetUnixFileMode(database));
        foreach (var sidecar in new[] { database + "-wal", database + "-shm" }.Where(File.Exists))
            Assert.Equal(DataDirectory.PrivateFile, File.GetUnixFileMode(sidecar));
        var keyFiles = Directory.GetFiles(Path.Combine(dataDir, "keys"), "*.xml");
        Assert.NotEmpty(keyFiles);
        foreach (var file in keyFiles) Assert.Equal(DataDirectory.PrivateFile, File.GetUnixFileMode(file));
    }

    [Fact]
    public void A_shared_folder_such_as_tmp_is_refused_as_DATA_DIR()
    {
        if (OperatingSystem.IsWindows()) return;
        var shared = Directory.CreateTempSubdirectory("salesbot-shared-").FullName;
        File.SetUnixFileMode(shared, (UnixFileMode)0b1_111_111_111);
        var error = Assert.ThrowsAny<Exception>(() => SalesBotApp.Start(Sqlite([]), shared));
        Assert.Contains("a folder shared with other users", Flatten(error));
        Assert.Equal((UnixFileMode)0b1_111_111_111, File.GetUnixFileMode(shared));
    }

    [Fact]
    public async Task A_key_ring_encrypted_with_a_certificate_that_is_not_configured_stops_the_start()
    {
        var certificate = TestCertificate.Create();
        string dataDir;
        await using (var first = SalesBotApp.Start(Sqlite(certificate.Settings())))
        {
            dataDir = first.DataDir;
            await first.Get<ShopTokenStore>().SaveAsync(Shop, Token, default);
        }

        var missing = Flatten(Assert.ThrowsAny<Exception>(() => SalesBotApp.Start(Sqlite([]), dataDir)));
        Assert.Contains($"encrypted with the certificate {certificate.Thumbprint}", missing);
        Assert.Contains("DATA_PROTECTION_CERTIFICATE is not set", missing);

        var other = TestCertificate.Create("Another certificate");
        var wrong = Flatten(Assert.ThrowsAny<Exception>(() => SalesBotApp.Start(Sqlite(other.Settings()), dataDir)));
        Assert.Contains($"encrypted with the certificate {certificate.Thumbprint}", wrong);
        Assert.Contains($"DATA_PROTECTION_CERTIFICATE is the certificate {other.Thumbprint}", wrong);

        // The refused starts made no key of their own: with the right certificate every token still reads.
        await using var again = SalesBotApp.Start(Sqlite(certificate.Settings()), dataDir);
        Assert.Equal(Token.AccessToken, (await again.Get<ShopTokenStore>().GetAsync(Shop, default))!.AccessToken);
    }

    [Fact]
    public void A_certificate_that_cannot_be_used_is_named_in_one_sentence()
    {
        var good = TestCertificate.Create();
        Assert.Contains("DATA_PROTECTION_CERTIFICATE is not base64", StartFails(new() { ["DATA_PROTECTION_CERTIFICATE"] = "not base64 at all!" }));
        Assert.Contains("the password is wrong", StartFails(new()
        {
            ["DATA_PROTECTION_CERTIFICATE"] = good.Base64Pfx, ["DATA_PROTECTION_CERTIFICATE_PASSWORD"] = "wrong",
        }));
        Assert.Contains("has no private key", StartFails(TestCertificate.Create(withPrivateKey: false).Settings()));
        var path = Path.Combine(Path.GetTempPath(), "salesbot-missing-" + Guid.NewGuid().ToString("N") + ".pfx");
        Assert.Contains($"DATA_PROTECTION_CERTIFICATE_PATH points at {path}, which does not exist", StartFails(new() { ["DATA_PROTECTION_CERTIFICATE_PATH"] = path }));
    }

    [Fact]
    public async Task A_certificate_file_by_path_works_like_the_inline_one()
    {
        var certificate = TestCertificate.Create();
        var path = Path.Combine(Directory.CreateTempSubdirectory("salesbot-cert-").FullName, "keys.pfx");
        await File.WriteAllBytesAsync(path, Convert.FromBase64String(certificate.Base64Pfx));
        await using var app = SalesBotApp.Start(Sqlite(new()
        {
            ["DATA_PROTECTION_CERTIFICATE_PATH"] = path, ["DATA_PROTECTION_CERTIFICATE_PASSWORD"] = certificate.Password,
        }));
        await app.Get<ShopTokenStore>().SaveAsync(Shop, Token, default);
        var xml = string.Concat(Directory.GetFiles(Path.Combine(app.DataDir, "keys"), "*.xml").Select(File.ReadAllText));
        Assert.Contains(certificate.Thumbprint, KeyThumbprints(xml));
    }

    // Outside the sandbox both apps are real (a Shopify key alone refuses to start); the Meta app is never called here.
    private static readonly Dictionary<string, string?> RealApps = new()
    {
        ["FACEBOOK_APP_ID"] = "1234567890", ["FACEBOOK_APP_SECRET"] = "real-looking-meta-secret", ["FACEBOOK_VERIFY_TOKEN"] = "verify",
    };

    [Fact]
    public async Task Unprotected_keys_outside_sandbox_mode_are_warned_about_loudly_and_not_in_sandbox_mode()
    {
        var logs = new LogCollector();
        await using (SalesBotApp.Start(Sqlite(new(RealApps) { ["SHOPIFY_API_KEY"] = "real-looking-key", ["SHOPIFY_API_SECRET"] = "real-looking-secret" }), logs: logs)) { }
        Assert.Contains(logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Message.StartsWith("UNPROTECTED KEYS", StringComparison.Ordinal));

        var sandboxLogs = new LogCollector();
        await using (SalesBotApp.Start(Sqlite([]), logs: sandboxLogs)) { }
        Assert.DoesNotContain(sandboxLogs.Messages, m => m.StartsWith("UNPROTECTED KEYS", StringComparison.Ordinal));

        var protectedLogs = new LogCollector();
        await using (SalesBotApp.Start(Sqlite(new(TestCertificate.Create().Settings().Concat(RealApps)) { ["SHOPIFY_API_KEY"] = "real-looking-key", ["SHOPIFY_API_SECRET"] = "s" }), logs: protectedLogs)) { }
        Assert.DoesNotContain(protectedLogs.Messages, m => m.StartsWith("UNPROTECTED KEYS", StringComparison.Ordinal));
    }

    private static string StartFails(Dictionary<string, string?> settings) =>
        Flatten(Assert.ThrowsAny<Exception>(() => SalesBotApp.Start(Sqlite(settings))));

    private static IEnumerable<string> KeyThumbprints(string xml) =>
        SalesBot.Keys.KeyXml.EncryptingCertificates(System.Xml.Linq.XElement.Parse("<ring>" + xml.Replace("<?xml version=\"1.0\" encoding=\"utf-8\"?>", "") + "</ring>"));

    internal static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);
}
