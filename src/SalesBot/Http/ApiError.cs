using System.Text.Json.Serialization;

namespace SalesBot;

/// <summary>The body of every 4xx/5xx the app sends: <c>{"error": "what was wrong"}</c>.</summary>
public sealed record ApiError([property: JsonPropertyName("error")] string Error);
