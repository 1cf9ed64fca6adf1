using SalesBot.Tests.Support;
using GraphQLParser.AST;
using SalesBot.Sandbox.Shopify.GraphQL;

namespace SalesBot.Tests.Sandbox;

/// <summary>The sandbox's SDL may only contain what Shopify's real 2026-01 schema has, typed the same way.</summary>
public sealed class ShopifySchemaSubsetTests
{
    [RequiresShopifySchemaFact]
    public void Sandbox_schema_is_a_strict_subset_of_shopify_admin_2026_01()
    {
        var real = Index(GraphQLParser.Parser.Parse(File.ReadAllText(RepoPaths.RealShopifySchema)));
        var ours = GraphQLParser.Parser.Parse(AdminSchema.Sdl());
        var problems = new List<string>();

        foreach (var definition in ours.Definitions.OfType<GraphQLTypeDefinition>())
        {
            var name = definition.Name.StringValue;
            if (!real.TryGetValue(name, out var theirs)) { problems.Add($"type {name} does not exist"); continue; }
            if (theirs.GetType() != definition.GetType()) { problems.Add($"{name} is a {theirs.Kind} in Shopify's schema"); continue; }
            switch (definition)
            {
                case GraphQLObjectTypeDefinition o:
                    CompareFields(name, o.Fields, ((GraphQLObjectTypeDefinition)theirs).Fields, problems);
                    Subset(name, "interface", o.Interfaces?.Items.Select(i => i.Name.StringValue), ((GraphQLObjectTypeDefinition)theirs).Interfaces?.Items.Select(i => i.Name.StringValue), problems);
                    break;
                case GraphQLInterfaceTypeDefinition i:
                    CompareFields(name, i.Fields, ((GraphQLInterfaceTypeDefinition)theirs).Fields, problems);
                    break;
                case GraphQLInputObjectTypeDefinition input:
                    var theirFields = ((GraphQLInputObjectTypeDefinition)theirs).Fields?.Items.ToDictionary(f => f.Name.StringValue) ?? [];
                    foreach (var field in input.Fields?.Items ?? [])
                        if (!theirFields.TryGetValue(field.Name.StringValue, out var other)) problems.Add($"{name}.{field.Name.StringValue} does not exist");
                        else if (Print(field.Type) != Print(other.Type)) problems.Add($"{name}.{field.Name.StringValue} is {Print(other.Type)}, not {Print(field.Type)}");
                    break;
                case GraphQLUnionTypeDefinition u:
                    Subset(name, "member", u.Types?.Items.Select(t => t.Name.StringValue), ((GraphQLUnionTypeDefinition)theirs).Types?.Items.Select(t => t.Name.StringValue), problems);
                    break;
                case GraphQLEnumTypeDefinition e:
                    Subset(name, "value", e.Values?.Items.Select(v => v.Name.StringValue), ((GraphQLEnumTypeDefinition)theirs).Values?.Items.Select(v => v.Name.StringValue), problems);
                    break;
            }
        }
        Assert.Empty(problems);
    }

    private static Dictionary<string, GraphQLTypeDefinition> Index(GraphQLDocument document) =>
        document.Definitions.OfType<GraphQLTypeDefinition>().ToDictionary(d => d.Name.StringValue);

    private static void CompareFields(string type, GraphQLFieldsDefinition? ours, GraphQLFieldsDefinition? theirs, List<string> problems)
    {
        var fields = theirs?.Items.ToDictionary(f => f.Name.StringValue) ?? [];
        foreach (var field in ours?.Items ?? [])
        {
            var path = $"{type}.{field.Name.StringValue}";
            if (!fields.TryGetValue(field.Name.StringValue, out var other)) { problems.Add($"{path} does not exist"); continue; }
            if (Print(field.Type) != Print(other.Type)) problems.Add($"{path} is {Print(other.Type)}, not {Print(field.Type)}");
            var args = other.Arguments?.Items.ToDictionary(a => a.Name.StringValue) ?? [];
            foreach (var argument in field.Arguments?.Items ?? [])
                if (!args.TryGetValue(argument.Name.StringValue, out var theirArg)) problems.Add($"{path}({argument.Name.StringValue}) does not exist");
                else if (Print(argument.Type) != Print(theirArg.Type)) problems.Add($"{path}({argument.Name.StringValue}) is {Print(theirArg.Type)}, not {Print(argument.Type)}");
            // Leaving out an argument Shopify requires would accept documents Shopify refuses.
            foreach (var required in args.Values.Where(a => a.Type is GraphQLNonNullType && a.DefaultValue is null))
                if (field.Arguments?.Items.Any(a => a.Name.StringValue == required.Name.StringValue) != true)
                    problems.Add($"{path} drops the required argument {required.Name.StringValue}");
        }
    }

    private static void Subset(string type, string what, IEnumerable<string>? ours, IEnumerable<string>? theirs, List<string> problems)
    {
        var known = theirs?.ToHashSet() ?? [];
        foreach (var name in ours ?? []) if (!known.Contains(name)) problems.Add($"{type} {what} {name} does not exist");
    }

    private static string Print(GraphQLType type) => type switch
    {
        GraphQLNonNullType n => Print(n.Type) + "!",
        GraphQLListType l => "[" + Print(l.Type) + "]",
        GraphQLNamedType named => named.Name.StringValue,
        _ => type.Kind.ToString(),
    };
}

/// <summary>A fact that is skipped, saying why, when Shopify's schema file is not next to the repository.</summary>
public sealed class RequiresShopifySchemaFactAttribute : FactAttribute
{
    public RequiresShopifySchemaFactAttribute()
    {
        if (!File.Exists(RepoPaths.RealShopifySchema))
            Skip = $"Shopify's schema is not at {RepoPaths.RealShopifySchema}; put admin-2026-01.schema.graphql in ../shared/shopify to run this check.";
    }
}
