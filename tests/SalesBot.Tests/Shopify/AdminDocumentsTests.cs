using System.Text.RegularExpressions;
using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;
using SalesBot.Shopify.Admin;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Shopify;

/// <summary>Every document the app sends must validate against Shopify's real 2026-01 Admin schema.</summary>
public partial class AdminDocumentsTests
{
    private static readonly Lazy<ISchema?> RealSchema = new(LoadRealSchema);

    [Fact]
    public void The_app_has_documents_for_the_whole_catalog() =>
        Assert.Superset(new HashSet<string> { "Shop", "ProductsPage", "CollectionsPage", "DiscountsPage", "ProductsByIds", "WebhookSubscriptions" },
            GraphQlDocuments.Names.ToHashSet());

    [RealSchemaFact]
    public async Task Every_document_validates_against_the_real_schema()
    {
        var schema = RealSchema.Value!;
        var failures = new List<string>();
        foreach (var name in GraphQlDocuments.Names)
        {
            var document = GraphQLParser.Parser.Parse(GraphQlDocuments.Get(name));
            var result = await new DocumentValidator().ValidateAsync(new ValidationOptions
            {
                Schema = schema,
                Document = document,
                Rules = DocumentValidator.CoreRules,
                Operation = document.Definitions.OfType<GraphQLOperationDefinition>().Single(),
                Variables = Inputs.Empty,
            });
            if (!result.IsValid)
                failures.AddRange(result.Errors.Where(e => e is not InvalidVariableError).Select(e => $"{name}: {e.Message}"));
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(GraphQlDocuments.Names.Count >= 15);
    }

    [RealSchemaFact]
    public async Task A_wrong_field_is_caught_so_the_check_can_fail()
    {
        var document = GraphQLParser.Parser.Parse("query { shop { id nameThatDoesNotExist } }");
        var result = await new DocumentValidator().ValidateAsync(new ValidationOptions
        {
            Schema = RealSchema.Value!,
            Document = document,
            Rules = DocumentValidator.CoreRules,
            Operation = document.Definitions.OfType<GraphQLOperationDefinition>().Single(),
            Variables = Inputs.Empty,
        });
        Assert.False(result.IsValid);
    }

    [Fact]
    public void Fragments_are_appended_only_when_used()
    {
        var products = GraphQlDocuments.Get("ProductsPage");
        Assert.Contains("fragment ProductFields on Product", products);
        Assert.Contains("fragment VariantFields on ProductVariant", products);
        Assert.DoesNotContain("fragment CollectionFields", products);
        Assert.DoesNotContain("fragment", GraphQlDocuments.Get("Ping"));
    }

    private static ISchema? LoadRealSchema()
    {
        if (!File.Exists(RepoPaths.RealShopifySchema)) return null;
        var sdl = File.ReadAllText(RepoPaths.RealShopifySchema);
        var schema = Schema.For(sdl, b => b.Types.ForAll(c => c.IsTypeOfFunc = _ => true));
        foreach (Match m in ScalarPattern().Matches(sdl))
            schema.RegisterType(new NamedStringScalar(m.Groups[1].Value));
        schema.Initialize();
        return schema;
    }

    [GeneratedRegex(@"^scalar\s+(\w+)", RegexOptions.Multiline)]
    private static partial Regex ScalarPattern();

    private sealed class NamedStringScalar : StringGraphType
    {
        public NamedStringScalar(string name) => Name = name;
    }
}
