using System.Text.Json.Serialization;

namespace SalesBot.Shopify.Install;

/// <summary>One line of the install report: <c>{"status": "success"}</c> or a failure with its reason.</summary>
public sealed record StepResult(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("message"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message = null,
    [property: JsonPropertyName("details"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] object? Details = null)
{
    public static StepResult Success(string? message = null, object? details = null) => new("success", message, details);

    public static StepResult Failed(string message, object? details = null) => new("failed", message, details);
}
