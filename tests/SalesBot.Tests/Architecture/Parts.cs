using System.Text.RegularExpressions;
using ArchUnitNET.Domain;
using ArchUnitNET.Loader;

namespace SalesBot.Tests.Architecture;

/// <summary>
/// The parts of the service and the arrows allowed between them, in one place (DESIGN.md "Parts and the way arrows
/// point"). A part is a set of namespaces of the SalesBot assembly; the sandbox and the signing library are parts of
/// their own by assembly. Infrastructure (Configuration, Data, Http, Observability, Signing) may be used by every part but the
/// catalog model; Data names every entity type because the DbContext must.
/// </summary>
internal static class Parts
{
    public const string Host = "Host";
    public const string Infrastructure = "Infrastructure";
    public const string Catalog = "Catalog";
    public const string Snapshots = "Snapshots";
    public const string Backups = "Backups";
    public const string Admin = "Shopify.Admin";
    public const string Auth = "Shopify.Auth";
    public const string Sync = "Shopify.Sync";
    public const string Webhooks = "Shopify.Webhooks";
    public const string Install = "Shopify.Install";
    public const string Assistant = "Assistant";
    public const string Messenger = "Messenger";
    public const string Insights = "Insights";
    public const string Home = "Home";
    public const string Console = "Console";
    public const string Sandbox = "Sandbox";
    public const string Keys = "Keys";

    /// <summary>Namespace (exact, or with everything below it) → part, for the SalesBot assembly.</summary>
    public static readonly (string Namespace, string Part)[] Namespaces =
    [
        ("", Host),                           // Program: the composition root
        ("SalesBot.Shopify", Host),           // ShopifyExtensions: registers and maps the Shopify parts (exact namespace only)
        ("SalesBot.Sandbox", Host),           // SandboxModeExtensions: the one place that mounts the sandbox
        ("SalesBot", Infrastructure),         // Http/: ApiError, RequestBody, ShopDomain (exact namespace only)
        ("SalesBot.Configuration", Infrastructure),
        ("SalesBot.Data", Infrastructure),
        ("SalesBot.Observability", Infrastructure), // health endpoints and OpenTelemetry wiring; each part keeps its own Meter and checks
        ("SalesBot.Catalog", Catalog),
        ("SalesBot.Snapshots", Snapshots),
        ("SalesBot.Backups", Backups),        // SQLite backups to Spaces under backups/ and the restore-backup command
        ("SalesBot.Shopify.Admin", Admin),
        ("SalesBot.Shopify.Auth", Auth),
        ("SalesBot.Shopify.Sync", Sync),      // with Sync.Fetch: full, incremental and by-id fetch
        ("SalesBot.Shopify.Webhooks", Webhooks),
        ("SalesBot.Shopify.Install", Install),
        ("SalesBot.Assistant", Assistant),
        ("SalesBot.Facebook", Messenger),     // the Messenger part keeps the folder name Facebook/
        ("SalesBot.Insights", Insights),      // what the bot achieved: counts per shop, page and day; tracked Buy links
        ("SalesBot.Home", Home),
        ("SalesBot.MerchantConsole", Console), // not SalesBot.Console: that would hide System.Console from every SalesBot.* namespace
        ("SalesBot.Keys", Keys),              // the Data Protection key ring: where it lives, its certificate, the import from the old table
    ];

    /// <summary>
    /// Who may use whom, besides itself and Infrastructure. Arrows point from the edges inward; anything not listed is
    /// forbidden, and the list has no cycle.
    /// </summary>
    public static readonly Dictionary<string, string[]> Allowed = new()
    {
        [Host] = ["*"],
        [Infrastructure] = [],                // Data also names every part's entity types: see EntityOwners
        [Catalog] = [],
        [Snapshots] = [],
        // Backups use the Spaces client the snapshots configure (one place for the S3 settings), nothing else of theirs,
        // and ask the key ring where its folder is (a backup without the keys holds tokens nobody can read).
        [Backups] = [Snapshots, Keys],
        [Admin] = [],
        [Auth] = [Admin],
        [Sync] = [Admin, Auth, Catalog, Snapshots],
        // Uninstall and erasure make every part forget the shop, each through its own service.
        [Webhooks] = [Sync, Admin, Auth, Catalog, Snapshots, Assistant, Messenger, Insights],
        [Install] = [Sync, Webhooks, Admin, Auth, Catalog, Snapshots],
        [Assistant] = [Catalog, Snapshots],
        // Messenger records what happens in a conversation (messages, handoffs, cards sent) and issues tracked Buy links.
        [Messenger] = [Assistant, Catalog, Auth, Insights],
        // Insights is told what happened; it asks no one.
        [Insights] = [],
        [Home] = [],
        // The merchant console sits at the edge and reads every part through its services.
        [Console] = [Admin, Auth, Sync, Webhooks, Install, Catalog, Snapshots, Assistant, Messenger, Insights],
        [Sandbox] = [Infrastructure],         // the sandbox signs with SalesBot.Signing, as Shopify and Meta would
        // The key ring lives in the Spaces bucket with several instances: it builds its S3 client with the snapshots' SpacesClient.
        [Keys] = [Snapshots],
    };

    /// <summary>
    /// Known arrows against the picture, each with its reason and the type it is confined to; any other type making
    /// the same arrow still fails. None today: the OAuth callback, which once made Auth ⇄ Install a cycle, is Install's.
    /// </summary>
    public static readonly (string Origin, string To)[] Exceptions =
    [
    ];

    /// <summary>Entity types owned by a part other than the one their namespace names (none today: each sits in its owner's folder).</summary>
    public static readonly Dictionary<string, string> EntityOwners = new()
    {
    };

    public static readonly System.Reflection.Assembly Service = typeof(Program).Assembly;
    public static readonly System.Reflection.Assembly SandboxAssembly = typeof(SalesBot.Sandbox.Shopify.ShopifySandbox).Assembly;
    public static readonly System.Reflection.Assembly Signing = typeof(SalesBot.Signing.ShopifyWebhookHmac).Assembly;

    public static readonly ArchUnitNET.Domain.Architecture Architecture =
        new ArchLoader().LoadAssemblies(Service, SandboxAssembly, Signing).Build();

    /// <summary>The part a type of ours belongs to; null for framework types and compiler-generated helpers.</summary>
    public static string? Of(IType type)
    {
        if (type is GenericParameter) return null;
        var assembly = type.Assembly.Name;
        if (assembly.StartsWith(SandboxAssembly.GetName().Name + ",", StringComparison.Ordinal) || assembly == SandboxAssembly.GetName().Name) return Sandbox;
        if (assembly.StartsWith(Signing.GetName().Name + ",", StringComparison.Ordinal) || assembly == Signing.GetName().Name) return Infrastructure;
        if (!(assembly.StartsWith(Service.GetName().Name + ",", StringComparison.Ordinal) || assembly == Service.GetName().Name)) return null;
        var ns = type.Namespace.FullName;
        if (ns == "") return type.Name.StartsWith('<') ? null : Host;
        foreach (var (prefix, part) in Namespaces.OrderByDescending(n => n.Namespace.Length))
        {
            var exactOnly = prefix is "SalesBot" or "SalesBot.Shopify" or "";
            if (ns == prefix || (!exactOnly && ns.StartsWith(prefix + ".", StringComparison.Ordinal))) return part;
        }
        return null;
    }

    public static bool MayUse(string from, string to) =>
        from == to || to == Infrastructure || Allowed[from].Contains("*") || Allowed[from].Contains(to);

    /// <summary>The types the DbContext maps (each part's entities), by full name.</summary>
    public static readonly HashSet<string> Entities = typeof(SalesBot.Data.SalesBotDbContext).GetProperties()
        .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(Microsoft.EntityFrameworkCore.DbSet<>))
        .Select(p => p.PropertyType.GetGenericArguments()[0])
        .Where(t => t.Assembly == Service).Select(t => t.FullName!).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Every use of one part by another: (from part, to part, from type, to type). Data naming an entity type in its
    /// DbContext is not an arrow: the DbContext must name them all, and the entity rule keeps everyone else off them.
    /// </summary>
    public static IEnumerable<(string From, string To, IType Origin, IType Target)> CrossPartDependencies()
    {
        foreach (var type in Architecture.Types)
        {
            if (Of(type) is not { } from) continue;
            foreach (var dependency in type.Dependencies)
            {
                // ArchUnitNET shares generic parameters (T, TJsonMetadataType) between unrelated methods: not a use.
                if (dependency.Target is GenericParameter) continue;
                if (Of(dependency.Target) is not { } to || to == from) continue;
                if (Exceptions.Any(e => e.To == to && (type.FullName == e.Origin || type.FullName.StartsWith(e.Origin + "+", StringComparison.Ordinal)
                    || type.FullName.StartsWith(e.Origin + "/", StringComparison.Ordinal)))) continue;
                if (type.Namespace.FullName == "SalesBot.Data" && Entities.Contains(dependency.Target.FullName)) continue;
                yield return (from, to, type, dependency.Target);
            }
        }
    }

    /// <summary>"SalesBot.Assistant.Foo" without generic arity and nested-type noise, for messages.</summary>
    public static string Name(IType type) => Regex.Replace(type.FullName, @"`\d+|\[.*$", "");
}
