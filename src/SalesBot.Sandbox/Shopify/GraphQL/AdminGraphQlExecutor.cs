using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.Transport;
using GraphQL.SystemTextJson;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using SalesBot.Sandbox.Shopify.Store;

namespace SalesBot.Sandbox.Shopify.GraphQL;

/// <summary>
/// Runs one Admin GraphQL request the way Shopify meters it: cost limit, leaky bucket, execution
/// under the store gate, refund of unused points, and <c>extensions.cost</c> on every answer.
/// </summary>
internal sealed class AdminGraphQlExecutor(ShopifySandbox sandbox)
{
    public const int MaxQueryCost = 1000;
    private static readonly GraphQLSerializer Serializer = new();
    private readonly DocumentExecuter _executer = new();

    public async Task<JsonObject> ExecuteAsync(ShopifyStore store, GraphQLRequest request, string baseUri, CancellationToken cancellationToken)
    {
        var query = request.Query ?? "";
        GraphQLDocument document;
        try
        {
            document = GraphQLParser.Parser.Parse(query);
        }
        catch (GraphQLSyntaxErrorException e)
        {
            var error = ShopifyError(e.Description, "parseError");
            error["locations"] = new JsonArray(new JsonObject { ["line"] = e.Location.Line, ["column"] = e.Location.Column });
            return Answer(store, request, "query", 0, 0, [error], null);
        }

        var operation = FindOperation(document, request.OperationName);
        var cost = new QueryCost(AdminSchema.Instance, document, request.Variables ?? Inputs.Empty);
        var requested = operation is null ? 0 : cost.Requested(operation);
        var kind = operation?.Operation == OperationType.Mutation ? "mutation" : "query";
        // The log names the operation even when the client did not send operationName.
        request.OperationName ??= operation?.Name?.StringValue;

        if (operation is not null && IdVariables.Check(operation, request.Variables ?? Inputs.Empty) is { } invalid)
            return Answer(store, request, kind, requested, 0, [invalid], null);

        if (requested > MaxQueryCost)
        {
            var error = ShopifyError(
                $"Query cost is {requested}, which exceeds the single query max cost limit ({MaxQueryCost}).\n\n" +
                "See https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\ncost of a query is calculated.\n\n" +
                "To query larger amounts of data with fewer limits, bulk operations should be used instead.\n" +
                "See https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n", "MAX_COST_EXCEEDED");
            var extensions = (JsonObject)error["extensions"]!;
            extensions["cost"] = requested;
            extensions["maxCost"] = MaxQueryCost;
            return Answer(store, request, kind, requested, null, [error], null);
        }

        if (!store.Bucket.TryTake(requested, out _))
        {
            store.CountThrottled();
            var error = ShopifyError("Throttled", "THROTTLED");
            ((JsonObject)error["extensions"]!)["documentation"] = "https://shopify.dev/api/usage/rate-limits";
            return Answer(store, request, kind, requested, null, [error], null, throttled: true);
        }

        var context = new AdminRequestContext(store, sandbox, bulk: false, baseUri);
        var result = await RunAsync(context, query, document, request, cancellationToken);
        foreach (var work in context.AfterExecution) _ = Task.Run(work, CancellationToken.None);

        var data = result["data"] as JsonObject;
        var actual = operation is null ? 0 : cost.Actual(operation, data);
        store.Bucket.Refund(requested - actual);
        var errors = (result["errors"] as JsonArray)?.Select(e => Reshape((JsonObject)e!)).ToList();
        return Answer(store, request, kind, requested, actual, errors, result["data"]?.DeepClone(), includeData: result.ContainsKey("data"));
    }

    /// <summary>Executes without metering; bulk operations use this with <see cref="AdminRequestContext.Bulk"/> set.</summary>
    public async Task<JsonObject> RunAsync(AdminRequestContext context, string query, GraphQLDocument? document, GraphQLRequest? request, CancellationToken cancellationToken)
    {
        await context.Store.Gate.WaitAsync(cancellationToken);
        ExecutionResult result;
        try
        {
            result = await _executer.ExecuteAsync(new ExecutionOptions
            {
                Schema = AdminSchema.Instance,
                Query = query,
                Document = document,
                OperationName = request?.OperationName,
                Variables = request?.Variables ?? Inputs.Empty,
                UserContext = context,
                CancellationToken = cancellationToken,
            });
        }
        finally
        {
            context.Store.Gate.Release();
        }
        return JsonNode.Parse(Serializer.Serialize(result))!.AsObject();
    }

    private static GraphQLOperationDefinition? FindOperation(GraphQLDocument document, string? name)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        return name is null ? operations.Count == 1 ? operations[0] : null : operations.FirstOrDefault(o => o.Name?.StringValue == name);
    }

    private JsonObject Answer(ShopifyStore store, GraphQLRequest request, string kind, int requested, int? actual,
        IReadOnlyList<JsonObject>? errors, JsonNode? data, bool throttled = false, bool includeData = false)
    {
        var answer = new JsonObject();
        if (includeData) answer["data"] = data;
        if (errors is { Count: > 0 }) answer["errors"] = new JsonArray([.. errors]);
        answer["extensions"] = new JsonObject
        {
            ["cost"] = new JsonObject
            {
                ["requestedQueryCost"] = requested,
                ["actualQueryCost"] = actual,
                ["throttleStatus"] = new JsonObject
                {
                    ["maximumAvailable"] = store.Bucket.Maximum,
                    ["currentlyAvailable"] = Math.Floor(store.Bucket.Available),
                    ["restoreRate"] = store.Bucket.RestoreRate,
                },
            },
        };
        store.QueryLog.Enqueue(new QueryLogEntry(request.OperationName, kind, requested, actual ?? 0, throttled, store.Now, request.Query ?? ""));
        while (store.QueryLog.Count > sandbox.Options.MaxLogEntries && store.QueryLog.TryDequeue(out _)) { }
        return answer;
    }

    private static JsonObject ShopifyError(string message, string code) =>
        new() { ["message"] = message, ["extensions"] = new JsonObject { ["code"] = code } };

    /// <summary>GraphQL.NET's error JSON reduced to Shopify's fields, with Shopify's names for common validation codes.</summary>
    private static JsonObject Reshape(JsonObject error)
    {
        var code = error["extensions"]?["code"]?.GetValue<string>() ?? "INTERNAL_SERVER_ERROR";
        var shaped = ShopifyError(error["message"]?.GetValue<string>() ?? "Internal error", code switch
        {
            "FIELDS_ON_CORRECT_TYPE" => "undefinedField",
            "KNOWN_ARGUMENT_NAMES" => "argumentNotAccepted",
            "PROVIDED_REQUIRED_ARGUMENTS" => "missingRequiredArguments",
            "ARGUMENTS_OF_CORRECT_TYPE" => "argumentLiteralsIncompatible",
            "KNOWN_TYPE_NAMES" => "undefinedType",
            "NO_UNDEFINED_VARIABLES" => "variableNotDefined",
            "NO_UNUSED_VARIABLES" => "variableNotUsed",
            "NO_UNUSED_FRAGMENTS" => "useAndDefineFragment",
            "KNOWN_FRAGMENT_NAMES" => "useAndDefineFragment",
            "INVALID_VALUE" or "VARIABLES_IN_ALLOWED_POSITION" => "variableMismatch",
            _ => code,
        });
        if (error["locations"] is { } locations) shaped["locations"] = locations.DeepClone();
        if (error["path"] is { } path) shaped["path"] = path.DeepClone();
        return shaped;
    }
}
