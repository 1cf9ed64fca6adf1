namespace SalesBot.Keys;

/// <summary>Where the key ring lives, chosen from the configuration once at start.</summary>
public enum KeyStoreKind
{
    /// <summary><c>DATA_DIR/keys</c>: SQLite, so one instance.</summary>
    Files,
    /// <summary><c>keys/</c> in the Spaces bucket: PostgreSQL with Spaces, several instances, apart from the tokens' database.</summary>
    Spaces,
    /// <summary>The database's <c>DataProtectionKeys</c> table: PostgreSQL without Spaces (kept working, with a warning).</summary>
    Database,
}

/// <summary>The chosen store and a description of it for the log (never a secret: bucket and folder names only).</summary>
public sealed record KeyStore(KeyStoreKind Kind, string Location);
