using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using SalesBot.Configuration;

namespace SalesBot.Keys;

/// <summary>
/// At start, before the key ring is loaded: a ring encrypted with a certificate that is not configured stops the start
/// with a clear sentence (else every stored token and session would fail to decrypt one by one, and a new key would be
/// made); keys left in clear are said, loudly outside sandbox mode.
/// </summary>
public sealed class KeyRingCheck(
    IOptions<KeyManagementOptions> keyManagement,
    KeyStore store,
    KeyRingCertificate certificate,
    IOptions<ShopifyOptions> shopify,
    IOptions<FacebookOptions> facebook,
    ILogger<KeyRingCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var elements = keyManagement.Value.XmlRepository?.GetAllElements() ?? [];
        var configured = certificate.Certificate?.Thumbprint;
        var encryptingThumbprints = elements.SelectMany(KeyXml.EncryptingCertificates).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var foreign = encryptingThumbprints.Where(t => !string.Equals(t, configured, StringComparison.OrdinalIgnoreCase)).ToList();
        if (foreign.Count > 0)
            throw new OptionsValidationException("DATA_PROTECTION_CERTIFICATE", typeof(KeyProtectionOptions),
            [
                $"The Data Protection key ring in {store.Location} is encrypted with the certificate {string.Join(", ", foreign)}, but " +
                (configured is null ? "DATA_PROTECTION_CERTIFICATE is not set" : $"DATA_PROTECTION_CERTIFICATE is the certificate {configured}") +
                ": configure the certificate the keys were encrypted with; without it no stored token or session can be read.",
            ]);

        var sandbox = shopify.Value.IsSandbox && facebook.Value.IsSandbox;
        var clear = elements.Count(KeyXml.HasClearSecret);
        if (configured is null && !sandbox)
            logger.LogWarning(
                "UNPROTECTED KEYS: the Data Protection keys that encrypt every stored Shopify and Facebook token are kept unencrypted in {Location}; " +
                "anyone who can read them can decrypt the tokens. Set DATA_PROTECTION_CERTIFICATE (a PFX in base64) and its password (README, Deploy).",
                store.Location);
        else if (configured is not null && clear > 0)
            logger.LogWarning(
                "{Count} Data Protection keys in {Location} were written before DATA_PROTECTION_CERTIFICATE was set and stay unencrypted " +
                "until they expire (90 days after creation); new keys are encrypted with the certificate {Thumbprint}.",
                clear, store.Location, configured);
        if (store.Kind == KeyStoreKind.Database && !sandbox)
            logger.LogWarning(
                "The Data Protection key ring is kept in the same database as the tokens it encrypts; set SPACES_BUCKET to keep it in Spaces " +
                "under keys/ instead (its keys are copied there at the next start).");
        logger.LogInformation("Data Protection keys: {Location}, {Protection}", store.Location,
            configured is null ? "unencrypted" : $"encrypted with the certificate {configured}");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
