using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SalesBot.Tests.Assistant;

/// <summary>
/// An OpenAI-compatible chat completions endpoint on loopback that answers from a script: each
/// request takes the next scripted turn (tool calls or final text) and is recorded for assertions.
/// </summary>
public sealed class ScriptedOpenAiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<JsonObject?>> _script = new();

    private ScriptedOpenAiServer(WebApplication app, string baseUrl) => (_app, BaseUrl) = (app, baseUrl);

    public string BaseUrl { get; }

    /// <summary>The usage every answer reports, so telemetry tests can check what was counted.</summary>
    public const int PromptTokens = 13, CompletionTokens = 7;

    /// <summary>The request bodies received, in order.</summary>
    public ConcurrentQueue<JsonNode> Requests { get; } = new();

    /// <summary>The real LLM assistant wired to this server, as the app builds it from OPENAI_* settings.</summary>
    public SalesBot.Assistant.LlmShopAssistant CreateAssistant() => new(
        SalesBot.Assistant.AssistantExtensions.CreateChatClient(new SalesBot.Configuration.OpenAiOptions { ApiKey = "test-key", BaseUrl = BaseUrl + "/v1", Model = "scripted" }),
        Microsoft.Extensions.Logging.Abstractions.NullLogger<SalesBot.Assistant.LlmShopAssistant>.Instance);

    public static async Task<ScriptedOpenAiServer> StartAsync()
    {
        ScriptedOpenAiServer? server = null;
        var (app, address) = await SalesBot.Sandbox.LoopbackHost.StartAsync(_ => { }, app => app.MapPost("/v1/chat/completions", async (HttpRequest request) =>
        {
            var body = await JsonNode.ParseAsync(request.Body);
            server!.Requests.Enqueue(body!);
            if (!server._script.TryDequeue(out var next)) return Results.Json(new { error = new { message = "script exhausted" } }, statusCode: 400);
            var message = next();
            if (message is null) return Results.Json(new { error = new { message = "scripted failure", type = "invalid_request_error" } }, statusCode: 400);
            var finish = message["tool_calls"] is null ? "stop" : "tool_calls";
            return Results.Text(new JsonObject
            {
                ["id"] = "chatcmpl-" + server.Requests.Count,
                ["object"] = "chat.completion",
                ["created"] = 1_700_000_000,
                ["model"] = "scripted",
                ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = finish }),
                ["usage"] = new JsonObject { ["prompt_tokens"] = PromptTokens, ["completion_tokens"] = CompletionTokens, ["total_tokens"] = PromptTokens + CompletionTokens },
            }.ToJsonString(), "application/json");
        }), 0, CancellationToken.None);
        server = new ScriptedOpenAiServer(app, address.ToString().TrimEnd('/'));
        return server;
    }

    public ScriptedOpenAiServer ThenToolCall(string name, object arguments)
    {
        var id = "call_" + Guid.NewGuid().ToString("N")[..8];
        _script.Enqueue(() => new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = null,
            ["tool_calls"] = new JsonArray(new JsonObject
            {
                ["id"] = id, ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = name, ["arguments"] = JsonSerializer.Serialize(arguments) },
            }),
        });
        return this;
    }

    public ScriptedOpenAiServer ThenText(string text)
    {
        _script.Enqueue(() => new JsonObject { ["role"] = "assistant", ["content"] = text });
        return this;
    }

    public ScriptedOpenAiServer ThenFailure()
    {
        _script.Enqueue(() => null);
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
