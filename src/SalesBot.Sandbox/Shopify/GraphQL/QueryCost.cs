using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;

namespace SalesBot.Sandbox.Shopify.GraphQL;

/// <summary>
/// Shopify-style query cost over the parsed document and the schema's field types: objects 1,
/// scalars and enums 0, connections 2 + (first or last) × node cost, <c>nodes(ids:)</c> one node per id,
/// mutations 10 (Shopify's "calculated query cost"). For abstract types the
/// dearest fragment counts. The actual cost walks the returned data the same way.
/// </summary>
internal sealed class QueryCost(ISchema schema, GraphQLDocument document, Inputs variables)
{
    public const int MutationCost = 10;

    private readonly Dictionary<string, GraphQLFragmentDefinition> _fragments = document.Definitions
        .OfType<GraphQLFragmentDefinition>().DistinctBy(f => f.FragmentName.Name.StringValue).ToDictionary(f => f.FragmentName.Name.StringValue);

    public int Requested(GraphQLOperationDefinition operation) => operation.Operation == OperationType.Mutation
        ? MutationCost * Math.Max(1, operation.SelectionSet.Selections.Count)
        : SetCost(operation.SelectionSet, schema.Query);

    public int Actual(GraphQLOperationDefinition operation, JsonObject? data) => operation.Operation == OperationType.Mutation
        ? Requested(operation)
        : ActualSet(operation.SelectionSet, schema.Query, data);

    private int SetCost(GraphQLSelectionSet? set, IGraphType? parent)
    {
        if (set is null || parent is not IComplexGraphType complex) return 0;
        var common = 0;
        var branches = new Dictionary<string, int>();
        foreach (var selection in set.Selections)
        {
            (string? condition, GraphQLSelectionSet? subset) = selection switch
            {
                GraphQLInlineFragment inline => (inline.TypeCondition?.Type.Name.StringValue, inline.SelectionSet),
                GraphQLFragmentSpread spread when _fragments.GetValueOrDefault(spread.FragmentName.Name.StringValue) is { } fragment =>
                    (fragment.TypeCondition.Type.Name.StringValue, fragment.SelectionSet),
                _ => ((string?)null, (GraphQLSelectionSet?)null),
            };
            if (selection is GraphQLField field) common += FieldCost(field, complex);
            else if (subset is null) continue;
            else if (condition is null || condition == complex.Name || complex is IObjectGraphType) common += SetCost(subset, complex);
            else branches[condition] = branches.GetValueOrDefault(condition) + SetCost(subset, schema.AllTypes[condition]);
        }
        return common + (branches.Count == 0 ? 0 : branches.Values.Max());
    }

    private int FieldCost(GraphQLField field, IComplexGraphType parent)
    {
        var name = field.Name.StringValue;
        if (name.StartsWith("__", StringComparison.Ordinal) || parent.GetField(name) is not { } definition) return 0;
        var type = Named(definition.ResolvedType);
        if (type is ScalarGraphType or EnumerationGraphType or null) return 0;
        if (IsConnection(type))
            return 2 + Math.Max(IntArgument(field, "first"), IntArgument(field, "last")) * NodeCost(field.SelectionSet, (IComplexGraphType)type);
        if (name == "nodes" && parent == schema.Query)
            return ListArgumentLength(field, "ids") * (1 + SetCost(field.SelectionSet, type));
        return 1 + SetCost(field.SelectionSet, type);
    }

    /// <summary>What one element of a connection costs: its <c>nodes</c> or <c>edges { node }</c> selection.</summary>
    private int NodeCost(GraphQLSelectionSet? set, IComplexGraphType connection)
    {
        var cost = 0;
        foreach (var field in (set?.Selections ?? []).OfType<GraphQLField>())
        {
            var name = field.Name.StringValue;
            if (name == "nodes") cost = Math.Max(cost, 1 + SetCost(field.SelectionSet, Named(connection.GetField("nodes")?.ResolvedType)));
            if (name == "edges" && Named(connection.GetField("edges")?.ResolvedType) is IComplexGraphType edge)
                foreach (var inner in (field.SelectionSet?.Selections ?? []).OfType<GraphQLField>().Where(f => f.Name.StringValue == "node"))
                    cost = Math.Max(cost, 1 + SetCost(inner.SelectionSet, Named(edge.GetField("node")?.ResolvedType)));
        }
        return cost;
    }

    private int ActualSet(GraphQLSelectionSet? set, IGraphType? parent, JsonObject? data)
    {
        if (data is null) return 0;
        var cost = 0;
        foreach (var (field, owner) in Flatten(set, parent, new HashSet<string>()))
        {
            var name = field.Name.StringValue;
            if (name.StartsWith("__", StringComparison.Ordinal) || owner.GetField(name) is not { } definition) continue;
            var type = Named(definition.ResolvedType);
            var value = data[field.Alias?.Name.StringValue ?? name];
            if (type is ScalarGraphType or EnumerationGraphType or null || value is null) continue;
            if (IsConnection(type) && type is IComplexGraphType connection)
            {
                cost += 2;
                var nodeType = Named(connection.GetField("nodes")?.ResolvedType);
                foreach (var (inner, list, isEdges) in ConnectionLists(field.SelectionSet, value))
                    foreach (var element in list)
                        if ((isEdges ? element?["node"] : element) is JsonObject node) cost += 1 + ActualSet(inner, nodeType, node);
            }
            else if (value is JsonArray array) cost += array.Sum(e => e is JsonObject o ? 1 + ActualSet(field.SelectionSet, type, o) : 0);
            else cost += 1 + ActualSet(field.SelectionSet, type, value as JsonObject);
        }
        return cost;
    }

    /// <summary>The node lists a connection returned (<c>nodes</c>, or <c>edges</c> whose elements wrap the node), with the node selection.</summary>
    private static IEnumerable<(GraphQLSelectionSet? Selection, JsonArray List, bool IsEdges)> ConnectionLists(GraphQLSelectionSet? set, JsonNode connection)
    {
        foreach (var field in (set?.Selections ?? []).OfType<GraphQLField>())
        {
            var key = field.Alias?.Name.StringValue ?? field.Name.StringValue;
            if (connection[key] is not JsonArray array) continue;
            if (field.Name.StringValue == "nodes") yield return (field.SelectionSet, array, false);
            if (field.Name.StringValue == "edges")
                foreach (var node in (field.SelectionSet?.Selections ?? []).OfType<GraphQLField>().Where(f => f.Name.StringValue == "node"))
                    yield return (node.SelectionSet, array, true);
        }
    }

    /// <summary>Fields of a selection set with fragments inlined, first occurrence of each response key only.</summary>
    private IEnumerable<(GraphQLField Field, IComplexGraphType Owner)> Flatten(GraphQLSelectionSet? set, IGraphType? parent, HashSet<string> seen)
    {
        if (set is null || parent is not IComplexGraphType complex) yield break;
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case GraphQLField field when seen.Add(field.Alias?.Name.StringValue ?? field.Name.StringValue):
                    yield return (field, complex);
                    break;
                case GraphQLInlineFragment inline:
                    var inlineType = inline.TypeCondition is { } c ? schema.AllTypes[c.Type.Name.StringValue] : complex;
                    foreach (var item in Flatten(inline.SelectionSet, inlineType, seen)) yield return item;
                    break;
                case GraphQLFragmentSpread spread when _fragments.GetValueOrDefault(spread.FragmentName.Name.StringValue) is { } fragment:
                    foreach (var item in Flatten(fragment.SelectionSet, schema.AllTypes[fragment.TypeCondition.Type.Name.StringValue], seen))
                        yield return item;
                    break;
            }
        }
    }

    private int IntArgument(GraphQLField field, string name) => ArgumentValue(field, name) switch
    {
        GraphQLIntValue literal => int.Parse(literal.Value.Span),
        GraphQLVariable variable => variables.TryGetValue(variable.Name.StringValue, out var v) && v is not null ? Convert.ToInt32(v) : 0,
        _ => 0,
    };

    private int ListArgumentLength(GraphQLField field, string name) => ArgumentValue(field, name) switch
    {
        GraphQLListValue literal => literal.Values?.Count ?? 0,
        GraphQLVariable variable => variables.TryGetValue(variable.Name.StringValue, out var v) && v is System.Collections.ICollection c ? c.Count : 1,
        _ => 1,
    };

    private static GraphQLValue? ArgumentValue(GraphQLField field, string name) =>
        field.Arguments?.Items.FirstOrDefault(a => a.Name.StringValue == name)?.Value;

    private static bool IsConnection(IGraphType type) => type.Name.EndsWith("Connection", StringComparison.Ordinal);

    private static IGraphType? Named(IGraphType? type)
    {
        while (type is IProvideResolvedType wrapper) type = wrapper.ResolvedType;
        return type;
    }
}
