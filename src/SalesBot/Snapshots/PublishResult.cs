using System.Text.Json.Serialization;

namespace SalesBot.Snapshots;

/// <summary>
/// What a publish did; <see cref="Status"/> and <see cref="Message"/> are the callback's
/// <c>upload_status_result</c>. A failed publish is kept and retried in the background
/// (<see cref="RetryScheduled"/>), and its message says so.
/// </summary>
public sealed record PublishResult(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonIgnore] string Hash,
    [property: JsonIgnore] bool Uploaded,
    [property: JsonIgnore] bool RetryScheduled = false)
{
    public const string Success = "success";
    public const string Failed = "failed";

    public const string UnchangedMessage = "No upload needed: Data unchanged";

    [JsonIgnore]
    public bool Succeeded => Status == Success;
}
