using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SalesBot.Configuration;
using SalesBot.Data;
using SalesBot.Snapshots;

namespace SalesBot.Keys;

public static class KeyRingExtensions
{
    /// <summary>
    /// ASP.NET Core Data Protection (it encrypts stored tokens, session cookies and Buy links) with its key ring kept
    /// apart from the tokens: in Spaces under <c>keys/</c> with PostgreSQL and a bucket (several instances), else in
    /// <c>DATA_DIR/keys</c> (SQLite: one instance); PostgreSQL without a bucket keeps the old table, with a warning.
    /// With <c>DATA_PROTECTION_CERTIFICATE</c> every new key is encrypted at rest with that certificate.
    /// Call after AddData: the schema must exist before the key ring is read (hosted services start in order).
    /// </summary>
    public static WebApplicationBuilder AddKeyRing(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        var app = configuration.Get<AppOptions>() ?? new AppOptions();
        var spaces = configuration.Get<SpacesOptions>() ?? new SpacesOptions();
        var keyOptions = configuration.Get<KeyProtectionOptions>() ?? new KeyProtectionOptions();
        services.AddOptions<KeyProtectionOptions>().BindConfiguration("");

        var certificate = KeyCertificate.Load(keyOptions, builder.Environment.ContentRootPath);
        var keysFolder = Path.Combine(Path.GetFullPath(app.DataDir, builder.Environment.ContentRootPath), "keys");
        var store = string.IsNullOrEmpty(app.DatabaseUrl) ? new KeyStore(KeyStoreKind.Files, keysFolder)
            : spaces.UsesObjectStorage ? new KeyStore(KeyStoreKind.Spaces, $"s3://{spaces.Bucket}/{SpacesXmlRepository.DefaultPrefix}")
            : new KeyStore(KeyStoreKind.Database, "the database's DataProtectionKeys table");
        services.AddSingleton(store);
        services.AddSingleton(new KeyRingCertificate(certificate));

        // Before Data Protection's own hosted service, which loads the key ring: a ring this configuration cannot
        // decrypt stops the start with one sentence instead of every token failing later.
        services.AddHostedService<KeyRingCheck>();

        var protection = services.AddDataProtection().SetApplicationName("SalesBot");
        if (certificate is not null) protection.ProtectKeysWithCertificate(certificate);
        switch (store.Kind)
        {
            case KeyStoreKind.Database:
                protection.PersistKeysToDbContext<SalesBotDbContext>();
                break;
            case KeyStoreKind.Files:
                services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
                    o.XmlRepository = new PrivateFileXmlRepository(new DirectoryInfo(keysFolder), sp.GetRequiredService<ILoggerFactory>())));
                break;
            case KeyStoreKind.Spaces:
                // Registered after ProtectKeysWithCertificate, so the encryptor is already set when this runs.
                services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
                    o.XmlRepository = new LegacyKeyImport(
                        new SpacesXmlRepository(SpacesClient.Create(spaces), spaces.Bucket!),
                        sp.GetRequiredService<IDbContextFactory<SalesBotDbContext>>(),
                        o.XmlEncryptor,
                        sp.GetRequiredService<ILogger<LegacyKeyImport>>())));
                break;
        }
        return builder;
    }
}

/// <summary>The key-encryption certificate, or null when keys are stored unencrypted.</summary>
public sealed record KeyRingCertificate(System.Security.Cryptography.X509Certificates.X509Certificate2? Certificate);
