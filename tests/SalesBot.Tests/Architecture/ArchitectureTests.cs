using ArchUnitNET.Domain;
using ArchUnitNET.Fluent;
using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace SalesBot.Tests.Architecture;

/// <summary>
/// Holds the code to DESIGN.md's parts and arrows (see <see cref="Parts"/>): a new cycle, a use of a part not on the
/// allowed list, or an entity type used outside its owner fails the build.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly ArchUnitNET.Domain.Architecture Code = Parts.Architecture;

    private static IObjectProvider<IType> In(string description, params string[] namespaces) =>
        Types().That().ResideInNamespaceMatching(@"^(" + string.Join("|", namespaces.Select(n => n.Replace(".", @"\."))) + @")(\..+)?$")
            .And().ResideInAssembly(Parts.Service).As(description);

    private static readonly IObjectProvider<IType> Catalog = In("the catalog model", "SalesBot.Catalog");
    private static readonly IObjectProvider<IType> Snapshots = In("Snapshots", "SalesBot.Snapshots");
    private static readonly IObjectProvider<IType> Assistant = In("Assistant", "SalesBot.Assistant");
    private static readonly IObjectProvider<IType> Messenger = In("Messenger", "SalesBot.Facebook");
    private static readonly IObjectProvider<IType> AnyShopify = In("any Shopify part", "SalesBot.Shopify");
    private static readonly IObjectProvider<IType> AdminSyncWebhooks = In("Shopify.Admin, Sync or Webhooks",
        "SalesBot.Shopify.Admin", "SalesBot.Shopify.Sync", "SalesBot.Shopify.Webhooks");
    private static readonly IObjectProvider<IType> Install = In("Shopify.Install", "SalesBot.Shopify.Install");
    private static readonly IObjectProvider<IType> SandboxProject = Types().That().ResideInAssembly(Parts.SandboxAssembly).As("the sandbox");

    private static readonly IObjectProvider<IType> OurOtherCode = Types().That().ResideInAssembly(Parts.Service, Parts.SandboxAssembly, Parts.Signing)
        .And().DoNotResideInNamespaceMatching(@"^SalesBot\.Catalog$").As("anything of ours outside the catalog model");

    [Fact]
    public void AssistantKnowsNothingOfShopifyOrMessenger() =>
        Types().That().Are(Assistant).Should().NotDependOnAny(AnyShopify).AndShould().NotDependOnAny(Messenger).Check(Code);

    [Fact]
    public void SnapshotsKnowNothingOfTheCatalogTheAssistantOrShopify() =>
        Types().That().Are(Snapshots).Should().NotDependOnAny(Catalog).AndShould().NotDependOnAny(Assistant)
            .AndShould().NotDependOnAny(AnyShopify).Check(Code);

    [Fact]
    public void MessengerDoesNotReachIntoAdminSyncOrWebhooks() =>
        Types().That().Are(Messenger).Should().NotDependOnAny(AdminSyncWebhooks).Check(Code);

    [Fact]
    public void CatalogModelDependsOnNothingOfOurs() =>
        Types().That().Are(Catalog).Should().NotDependOnAny(OurOtherCode).Check(Code);

    [Fact]
    public void OnlyTheHostMountsTheSandbox() =>
        Types().That().ResideInAssembly(Parts.Service).And().DoNotResideInNamespaceMatching(@"^SalesBot\.Sandbox$")
            .Should().NotDependOnAny(SandboxProject).Because("the sandbox is mounted by SandboxModeExtensions alone").Check(Code);

    [Fact]
    public void NothingDependsOnInstallButTheHostAndTheOAuthCallback() =>
        Types().That().ResideInAssembly(Parts.Service).And().AreNot(Install)
            .And().DoNotResideInNamespaceMatching(@"^(SalesBot\.Shopify)?$")
            .And().DoNotHaveFullNameMatching(@"^SalesBot\.Shopify\.Auth\.ShopifyAuthApi\b")   // Parts.Exceptions
            .Should().NotDependOnAny(Install).Check(Code);

    [Fact]
    public void EveryArrowBetweenPartsIsAllowed()
    {
        var forbidden = Parts.CrossPartDependencies().Where(d => !Parts.MayUse(d.From, d.To))
            .Select(d => $"{d.From} → {d.To}: {Parts.Name(d.Origin)} uses {Parts.Name(d.Target)}")
            .Distinct().Order().ToList();
        Assert.True(forbidden.Count == 0, "Arrows not in Parts.Allowed:\n" + string.Join("\n", forbidden));
    }

    [Fact]
    public void PartsHaveNoCycles()
    {
        var edges = Parts.CrossPartDependencies().Where(d => d.From != Parts.Host)
            .GroupBy(d => (d.From, d.To)).ToDictionary(g => g.Key, g => $"{Parts.Name(g.First().Origin)} uses {Parts.Name(g.First().Target)}");
        var cycles = new List<string>();
        foreach (var ((from, to), example) in edges)
            if (PathBetween(to, from, edges.Keys) is { } back)
                cycles.Add($"{from} → {to} ({example}), and back: {string.Join(" → ", back)}");
        Assert.True(cycles.Count == 0, "Cycles between parts:\n" + string.Join("\n", cycles.Distinct().Order()));
    }

    /// <summary>An entity type is used only by the part that owns its table and by Data (whose DbContext must name it).</summary>
    [Fact]
    public void EveryEntityIsUsedOnlyByItsOwnerAndData()
    {
        Assert.NotEmpty(Parts.Entities);
        var violations = new List<string>();
        foreach (var entity in Parts.Entities)
        {
            var type = Code.Types.Single(t => t.FullName == entity);
            var owner = Parts.EntityOwners.GetValueOrDefault(entity) ?? Parts.Of(type)!;
            Assert.True(owner != Parts.Infrastructure, $"{type.Name} has no owning part: add it to Parts.EntityOwners");
            foreach (var user in Code.Types.Where(t => t.Dependencies.Any(d => d.Target.FullName == entity)))
                if (Parts.Of(user) is { } part && part != owner && user.Namespace.FullName != "SalesBot.Data")
                    violations.Add($"{type.Name} (owned by {owner}) is used by {part}: {Parts.Name(user)}");
        }
        Assert.True(violations.Count == 0, "Tables changed outside their owner:\n" + string.Join("\n", violations.Distinct().Order()));
    }

    private static List<string>? PathBetween(string start, string goal, IEnumerable<(string From, string To)> edges)
    {
        var next = edges.ToLookup(e => e.From, e => e.To);
        var seen = new HashSet<string> { start };
        var queue = new Queue<List<string>>([[start]]);
        while (queue.TryDequeue(out var path))
        {
            if (path[^1] == goal) return path;
            foreach (var to in next[path[^1]])
                if (seen.Add(to)) queue.Enqueue([.. path, to]);
        }
        return null;
    }
}
