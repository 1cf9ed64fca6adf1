using Microsoft.Extensions.Configuration;

namespace SalesBot.Configuration;

/// <summary>Any OpenAI-compatible chat endpoint. No key means catalog-only replies.</summary>
public sealed class OpenAiOptions
{
    [ConfigurationKeyName("OPENAI_API_KEY")]
    public string? ApiKey { get; set; }

    [ConfigurationKeyName("OPENAI_BASE_URL")]
    public string? BaseUrl { get; set; }

    [ConfigurationKeyName("OPENAI_MODEL")]
    public string Model { get; set; } = "gpt-4o-mini";

    public bool IsEnabled => !string.IsNullOrEmpty(ApiKey);
}
