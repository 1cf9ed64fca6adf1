using System.Text.Json;

namespace SalesBot.Shopify.Install;

/// <summary>
/// What the install callback answers. <c>shopify_data</c> is written from the very bytes that were
/// published as the snapshot, so the two can never differ. A person opening it in a browser reads
/// <c>summary</c> and <c>next_steps</c> first; the rest of the report is indented, <c>shopify_data</c> left as is.
/// </summary>
public sealed record InstallReport(
    string Shop,
    string Scope,
    string MaskedAccessToken,
    ReadOnlyMemory<byte> ShopifyDataJson,
    StepResult? UploadStatus,
    StepResult? WebhookTest,
    StepResult? PollingTest)
{
    /// <summary>One line for a person: what was mirrored and how each step went.</summary>
    public string? Summary { get; init; }

    /// <summary>Where to go next (connect a page, chat with the store), as full URLs with a word of explanation.</summary>
    public IReadOnlyList<string> NextSteps { get; init; } = [];

    public byte[] ToJson()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(ShopifyDataJson.Length + 1024);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("shop", Shop);
            if (Summary is not null) w.WriteString("summary", Summary);
            if (NextSteps.Count > 0)
            {
                w.WriteStartArray("next_steps");
                foreach (var step in NextSteps) w.WriteStringValue(step);
                w.WriteEndArray();
            }
            w.WriteStartObject("token_data");
            w.WriteString("scope", Scope);
            w.WriteString("access_token", MaskedAccessToken);
            w.WriteEndObject();
            w.WritePropertyName("shopify_data");
            w.WriteRawValue(ShopifyDataJson.Span, skipInputValidation: true);
            Write(w, "upload_status_result", UploadStatus);
            Write(w, "webhook_test", WebhookTest);
            Write(w, "polling_test", PollingTest);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(Utf8JsonWriter w, string name, StepResult? step)
    {
        if (step is null) return;
        w.WritePropertyName(name);
        JsonSerializer.Serialize(w, step);
    }
}
