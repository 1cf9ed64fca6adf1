using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SalesBot.Tests.Keys;

/// <summary>A fresh self-signed RSA certificate as the app takes it: a PFX in base64 and its password.</summary>
public sealed record TestCertificate(string Base64Pfx, string Password, string Thumbprint)
{
    public static TestCertificate Create(string name = "SalesBot test keys", bool withPrivateKey = true)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2));
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        var pfx = withPrivateKey
            ? certificate.Export(X509ContentType.Pkcs12, password)
            : X509CertificateLoader.LoadCertificate(certificate.Export(X509ContentType.Cert)).Export(X509ContentType.Pkcs12, password);
        return new TestCertificate(Convert.ToBase64String(pfx), password, certificate.Thumbprint);
    }

    public Dictionary<string, string?> Settings() => new()
    {
        ["DATA_PROTECTION_CERTIFICATE"] = Base64Pfx,
        ["DATA_PROTECTION_CERTIFICATE_PASSWORD"] = Password,
    };
}
