using System.Text.Json;

namespace SalesBot.Shopify.Install;

/// <summary>
/// What the install callback answers. <c>shopify_data</c> is written from the very bytes that were
/// published as the snapshot, so the two can never differ.
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
    public byte[] ToJson()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(ShopifyDataJson.Length + 1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("shop", Shop);
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
