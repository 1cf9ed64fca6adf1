using System.Collections;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GraphQL;
using GraphQLParser.AST;

namespace SalesBot.Sandbox.Shopify.GraphQL;

/// <summary>
/// Shopify refuses a whole request whose <c>ID</c> variable holds something that is not a global id
/// (<c>Variable $ids of type [ID!]! was provided invalid value for 0 (Invalid global id `123`)</c>), before
/// running or charging anything; an id of the right shape that names nothing resolves to null instead.
/// </summary>
internal static partial class IdVariables
{
    public static JsonObject? Check(GraphQLOperationDefinition operation, Inputs variables)
    {
        foreach (var definition in operation.Variables?.Items ?? [])
        {
            if (!IsIdType(definition.Type)) continue;
            var name = definition.Variable.Name.StringValue;
            if (!variables.TryGetValue(name, out var value) || value is null) continue;
            var values = value is string single ? [single] : value is IEnumerable list ? list.Cast<object?>().ToList() : [value];
            for (var i = 0; i < values.Count; i++)
            {
                if (values[i] is string s && GlobalId().IsMatch(s)) continue;
                var where = value is string ? "" : $" for {i}";
                var explanation = $"Invalid global id `{values[i]}`";
                return new JsonObject
                {
                    ["message"] = $"Variable ${name} of type {Print(definition.Type)} was provided invalid value{where} ({explanation})",
                    ["locations"] = new JsonArray(new JsonObject { ["line"] = 1, ["column"] = 1 }),
                    ["extensions"] = new JsonObject
                    {
                        ["value"] = JsonValue.Create(values[i]?.ToString()),
                        ["problems"] = new JsonArray(new JsonObject
                        {
                            ["path"] = value is string ? new JsonArray() : new JsonArray(i),
                            ["explanation"] = explanation,
                        }),
                    },
                };
            }
        }
        return null;
    }

    private static bool IsIdType(GraphQLType type) => type switch
    {
        GraphQLNonNullType nonNull => IsIdType(nonNull.Type),
        GraphQLListType list => IsIdType(list.Type),
        GraphQLNamedType named => named.Name.StringValue == "ID",
        _ => false,
    };

    private static string Print(GraphQLType type) => type switch
    {
        GraphQLNonNullType nonNull => Print(nonNull.Type) + "!",
        GraphQLListType list => "[" + Print(list.Type) + "]",
        GraphQLNamedType named => named.Name.StringValue,
        _ => "?",
    };

    [GeneratedRegex(@"^gid://[a-z0-9-]+/[A-Za-z]+/[^/\s]+$")]
    private static partial Regex GlobalId();
}
