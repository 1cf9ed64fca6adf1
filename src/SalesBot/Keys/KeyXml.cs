using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace SalesBot.Keys;

/// <summary>
/// What the framework writes in a key element: secrets marked <c>requiresEncryption</c> (the master key), replaced by an
/// <c>encryptedSecret</c> when an encryptor is configured. The names are Data Protection's XML format.
/// </summary>
public static class KeyXml
{
    private static readonly XNamespace DataProtection = "http://schemas.asp.net/2015/03/dataProtection";
    private static readonly XName RequiresEncryption = DataProtection + "requiresEncryption";
    private static readonly XName EncryptedSecret = DataProtection + "encryptedSecret";
    private static readonly XNamespace XmlDsig = "http://www.w3.org/2000/09/xmldsig#";

    /// <summary>True when a secret of this element is stored in clear.</summary>
    public static bool HasClearSecret(XElement element) =>
        element.DescendantsAndSelf().Any(e => (bool?)e.Attribute(RequiresEncryption) == true);

    /// <summary>
    /// The element with every clear secret encrypted, exactly as the key manager does before it stores a new key
    /// (the framework's helper for this is internal).
    /// </summary>
    public static XElement EncryptSecrets(XElement element, IXmlEncryptor encryptor)
    {
        var copy = new XElement(element);
        while (copy.DescendantsAndSelf().FirstOrDefault(e => (bool?)e.Attribute(RequiresEncryption) == true) is { } secret)
        {
            var encrypted = encryptor.Encrypt(new XElement(secret));
            var replacement = new XElement(EncryptedSecret,
                new XAttribute("decryptorType", encrypted.DecryptorType.AssemblyQualifiedName!), encrypted.EncryptedElement);
            if (secret == copy) return replacement;
            secret.ReplaceWith(replacement);
        }
        return copy;
    }

    /// <summary>Thumbprints of the certificates the encrypted secrets of this element name (XML Encryption's X509Data).</summary>
    public static IEnumerable<string> EncryptingCertificates(XElement element) =>
        element.Descendants(EncryptedSecret)
            .SelectMany(s => s.Descendants(XmlDsig + "X509Certificate"))
            .Select(c => X509CertificateLoader.LoadCertificate(Convert.FromBase64String(c.Value.Trim())).Thumbprint)
            .Distinct(StringComparer.OrdinalIgnoreCase);

    public static bool IsEncrypted(XElement element) => element.Descendants(EncryptedSecret).Any();
}
