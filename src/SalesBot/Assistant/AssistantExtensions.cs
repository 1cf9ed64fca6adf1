using System.ClientModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenAI;
using SalesBot.Assistant.Memory;
using SalesBot.Assistant.Semantic;
using SalesBot.Assistant.Settings;
using SalesBot.Configuration;
using SalesBot.Snapshots;

namespace SalesBot.Assistant;

public static class AssistantExtensions
{
    /// <summary>
    /// The catalog cache and the assistant: the LLM one with tools when <c>OPENAI_API_KEY</c> is set,
    /// the catalog-only one otherwise. <see cref="ISnapshotStore"/> comes from the Snapshots feature.
    /// </summary>
    public static WebApplicationBuilder AddAssistant(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ISnapshotNotifier, SnapshotNotifier>();
        services.AddSingleton(SemanticSearchOptions.From(builder.Configuration));
        services.AddSingleton<SemanticSearch>();
        services.AddSingleton<CatalogProvider>();
        services.AddSingleton<CatalogSearch>();
        services.AddSingleton<AssistantSettingsService>();
        services.AddSingleton<ConversationMemoryStore>();
        var openAi = builder.Configuration.Get<OpenAiOptions>() ?? new OpenAiOptions();
        if (openAi.IsEnabled)
        {
            services.AddSingleton(sp => CreateChatClient(sp.GetRequiredService<IOptions<OpenAiOptions>>().Value));
            services.AddSingleton<LlmShopAssistant>();
            services.AddSingleton<IShopAssistant>(sp => Measured<LlmShopAssistant>(sp, AssistantMetrics.LlmMode));
        }
        else
        {
            services.AddSingleton<CatalogOnlyAssistant>();
            services.AddSingleton<IShopAssistant>(sp => Measured<CatalogOnlyAssistant>(sp, AssistantMetrics.CatalogOnlyMode));
        }
        services.AddSingleton<AssistantMetrics>();
        return builder;
    }

    /// <summary>Any OpenAI-compatible endpoint, with M.E.AI running the tool loop (no streaming).</summary>
    public static IChatClient CreateChatClient(OpenAiOptions options)
    {
        var clientOptions = new OpenAIClientOptions();
        if (!string.IsNullOrEmpty(options.BaseUrl)) clientOptions.Endpoint = new Uri(options.BaseUrl);
        return new OpenAIClient(new ApiKeyCredential(options.ApiKey!), clientOptions)
            .GetChatClient(options.Model)
            .AsIChatClient()
            .AsBuilder()
            .UseFunctionInvocation()
            // Inside the tool loop, so each model call is one gen_ai span with its own duration and token counts.
            // Prompts and replies stay out of telemetry (EnableSensitiveData is off by default).
            .UseOpenTelemetry(sourceName: AssistantMetrics.LlmSourceName)
            .Build();
    }

    private static MeasuredShopAssistant Measured<T>(IServiceProvider services, string mode) where T : IShopAssistant =>
        new(services.GetRequiredService<T>(), mode, services.GetRequiredService<AssistantMetrics>(), services.GetRequiredService<TimeProvider>());
}
