using System.ComponentModel.DataAnnotations;

namespace SalesBot.Facebook;

/// <summary>
/// A data deletion request Meta forwarded, kept so its status URL can say what was deleted. It holds counts only,
/// never the user's id: keeping the id of someone who asked to be forgotten would defeat the request.
/// </summary>
public sealed class DataDeletionRequest
{
    [Key, MaxLength(64)]
    public required string ConfirmationCode { get; set; }

    /// <summary>When the request came in; the deletion runs before the callback answers, so this is also when it was done.</summary>
    public DateTimeOffset DeletedAt { get; set; }

    public int Messages { get; set; }

    public int Events { get; set; }

    public int Pauses { get; set; }
}
