using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using SalesBot.Configuration;

namespace SalesBot.Keys;

/// <summary>
/// Loads the key-encryption certificate from <see cref="KeyProtectionOptions"/>. Every way it can be wrong (not base64,
/// no such file, wrong password, no private key, not RSA) stops the start with one sentence naming the variable.
/// </summary>
public static class KeyCertificate
{
    /// <summary>Null when no certificate is configured.</summary>
    public static X509Certificate2? Load(KeyProtectionOptions options, string contentRoot)
    {
        if (!options.HasCertificate) return null;
        if (!string.IsNullOrEmpty(options.Certificate) && !string.IsNullOrEmpty(options.CertificatePath))
            throw Invalid("DATA_PROTECTION_CERTIFICATE", "DATA_PROTECTION_CERTIFICATE and DATA_PROTECTION_CERTIFICATE_PATH are both set; give one of them.");

        byte[] pfx;
        string source;
        if (!string.IsNullOrEmpty(options.CertificatePath))
        {
            var path = Path.GetFullPath(options.CertificatePath, contentRoot);
            if (!File.Exists(path))
                throw Invalid("DATA_PROTECTION_CERTIFICATE_PATH", $"DATA_PROTECTION_CERTIFICATE_PATH points at {path}, which does not exist.");
            pfx = File.ReadAllBytes(path);
            source = "DATA_PROTECTION_CERTIFICATE_PATH";
        }
        else
        {
            try { pfx = Convert.FromBase64String(options.Certificate!.Trim()); }
            catch (FormatException)
            {
                throw Invalid("DATA_PROTECTION_CERTIFICATE", "DATA_PROTECTION_CERTIFICATE is not base64: give the PFX file's bytes in base64 (base64 -w0 keys.pfx).");
            }
            source = "DATA_PROTECTION_CERTIFICATE";
        }

        X509Certificate2 certificate;
        try
        {
            // EphemeralKeySet: the private key stays in memory; nothing is written to a user key store (the root
            // filesystem may be read-only, and the key must not end up on disk beside the key ring).
            certificate = X509CertificateLoader.LoadPkcs12(pfx, options.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException)
        {
            throw Invalid(source, $"{source} could not be opened as a PFX with DATA_PROTECTION_CERTIFICATE_PASSWORD: the password is wrong or the file is not a PKCS#12 (.pfx) certificate.");
        }
        if (!certificate.HasPrivateKey)
            throw Invalid(source, $"{source} has no private key: export the certificate with its private key (.pfx), or the keys it encrypts could never be read back.");
        if (certificate.GetRSAPublicKey() is null)
            throw Invalid(source, $"{source} is not an RSA certificate; Data Protection encrypts keys with RSA (openssl req -x509 -newkey rsa:3072 ...).");
        return certificate;
    }

    private static OptionsValidationException Invalid(string name, string message) =>
        new(name, typeof(KeyProtectionOptions), [message]);
}
