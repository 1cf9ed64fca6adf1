using Microsoft.Extensions.Configuration;

namespace SalesBot.Configuration;

/// <summary>
/// The certificate that encrypts the Data Protection key ring at rest (the keys that encrypt every stored token and
/// the session cookies). A PFX given inline (base64, for platforms whose secrets are environment variables) or by path.
/// </summary>
public sealed class KeyProtectionOptions
{
    [ConfigurationKeyName("DATA_PROTECTION_CERTIFICATE")]
    public string? Certificate { get; set; }

    [ConfigurationKeyName("DATA_PROTECTION_CERTIFICATE_PATH")]
    public string? CertificatePath { get; set; }

    [ConfigurationKeyName("DATA_PROTECTION_CERTIFICATE_PASSWORD")]
    public string? CertificatePassword { get; set; }

    public bool HasCertificate => !string.IsNullOrEmpty(Certificate) || !string.IsNullOrEmpty(CertificatePath);
}
