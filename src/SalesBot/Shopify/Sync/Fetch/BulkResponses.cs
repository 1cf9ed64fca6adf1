using SalesBot.Shopify.Admin;

namespace SalesBot.Shopify.Sync.Fetch;

// The `data` of the bulk operation documents (BulkOperationRun, BulkOperationStatus).

/// <summary>Shopify's bulk operation; <c>objectCount</c> is an UnsignedInt64, sent as a string.</summary>
public sealed record BulkOperation(string Id, string Status, string? ErrorCode = null, string? ObjectCount = null, string? Url = null, string? PartialDataUrl = null)
{
    public bool IsFinished => Status is "COMPLETED" or "FAILED" or "CANCELED" or "EXPIRED";
}

public sealed record BulkOperationRunPayload(BulkOperation? BulkOperation, IReadOnlyList<UserError>? UserErrors);

public sealed record BulkOperationRunData(BulkOperationRunPayload? BulkOperationRunQuery);

public sealed record BulkOperationStatusData(BulkOperation? BulkOperation);
