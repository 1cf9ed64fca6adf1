namespace SalesBot.Sandbox.Shopify.Store;

/// <summary>One Admin GraphQL request as the sandbox saw it; tests read these to check the app's query pattern.</summary>
public sealed record QueryLogEntry(
    string? OperationName, string OperationType, int RequestedCost, int ActualCost, bool Throttled, DateTimeOffset At, string Query);
