using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.EntityFrameworkCore;
using SalesBot.Data;

namespace SalesBot.Keys;

/// <summary>
/// Deployments before the key ring moved to Spaces kept it in the database's <c>DataProtectionKeys</c> table, beside the
/// tokens it encrypts. The first time the new store is read empty, the table's keys are copied into it (their clear master
/// keys encrypted on the way when a certificate is configured), so every stored token still decrypts; from then on the
/// table is not read. Instances starting together copy the same elements under the same names, so the copy is idempotent.
/// The table stays in the model for this import only (its schema belongs to the migrations).
/// </summary>
public sealed class LegacyKeyImport(
    IXmlRepository store, IDbContextFactory<SalesBotDbContext> db, IXmlEncryptor? encryptor, ILogger<LegacyKeyImport> logger) : IXmlRepository
{
    private readonly Lock _gate = new();
    private bool _settled;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var elements = store.GetAllElements();
        lock (_gate)
        {
            if (_settled || elements.Count > 0)
            {
                _settled = true;
                return elements;
            }
            using var context = db.CreateDbContext();
            var legacy = context.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).ToList();
            if (legacy.Count == 0) return elements; // nothing yet: a fresh install; ask again until the first key exists
            foreach (var row in legacy)
            {
                var element = XElement.Parse(row.Xml!);
                if (encryptor is not null && KeyXml.HasClearSecret(element)) element = KeyXml.EncryptSecrets(element, encryptor);
                store.StoreElement(element, row.FriendlyName ?? "key-" + row.Id);
            }
            logger.LogWarning(
                "Copied {Count} Data Protection keys from the database's DataProtectionKeys table into the new key store{Encrypted}; " +
                "the table is no longer read. Once every instance runs this version, its rows can be deleted.",
                legacy.Count, encryptor is null ? " (unencrypted: no DATA_PROTECTION_CERTIFICATE)" : ", encrypted with the certificate");
            _settled = true;
            return store.GetAllElements();
        }
    }

    public void StoreElement(XElement element, string friendlyName) => store.StoreElement(element, friendlyName);
}
