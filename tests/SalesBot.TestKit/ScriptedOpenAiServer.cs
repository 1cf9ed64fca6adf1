using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SalesBot.TestKit;

/// <summary>
/// An OpenAI-compatible chat completions endpoint on loopback that answers from a script: each
/// request takes the next scripted turn (tool calls or final text) and is recorded for assertions.
/// With a <see cref="RespondWith"/> responder, a request the script has no turn for is answered by it
/// (a model that reacts to what it is sent, for benches that run many conversations).
/// </summary>
public sealed class ScriptedOpenAiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<JsonObject?>> _script = new();
    private Func<JsonNode, JsonObject?>? _responder;
    private bool _record = true;

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
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        var requests = 0;
        app.MapPost("/v1/chat/completions", async (HttpRequest request) =>
        {
            var body = (await JsonNode.ParseAsync(request.Body))!;
            var number = Interlocked.Increment(ref requests);
            if (server!._record) server.Requests.Enqueue(body);
            JsonObject? message;
            if (server._script.TryDequeue(out var next)) message = next();
            else if (server._responder is { } respond) message = respond(body);
            else return Results.Json(new { error = new { message = "script exhausted" } }, statusCode: 400);
            if (message is null) return Results.Json(new { error = new { message = "scripted failure", type = "invalid_request_error" } }, statusCode: 400);
            var finish = message["tool_calls"] is null ? "stop" : "tool_calls";
            return Results.Text(new JsonObject
            {
                ["id"] = "chatcmpl-" + number,
                ["object"] = "chat.completion",
                ["created"] = 1_700_000_000,
                ["model"] = "scripted",
                ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = finish }),
                ["usage"] = new JsonObject { ["prompt_tokens"] = PromptTokens, ["completion_tokens"] = CompletionTokens, ["total_tokens"] = PromptTokens + CompletionTokens },
            }.ToJsonString(), "application/json");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new ScriptedOpenAiServer(app, address.TrimEnd('/'));
        return server;
    }

    public ScriptedOpenAiServer ThenToolCall(string name, object arguments)
    {
        _script.Enqueue(() => ToolCallMessage(name, arguments));
        return this;
    }

    public ScriptedOpenAiServer ThenText(string text)
    {
        _script.Enqueue(() => TextMessage(text));
        return this;
    }

    /// <summary>
    /// Answers every request the script has no turn for with <paramref name="respond"/> (the request body in, the
    /// assistant message out; null is a 400). Bodies are then not kept, so a long run does not hold them all.
    /// </summary>
    public ScriptedOpenAiServer RespondWith(Func<JsonNode, JsonObject?> respond)
    {
        _responder = respond;
        _record = false;
        return this;
    }

    /// <summary>An assistant message calling one tool, as the chat completions API writes it.</summary>
    public static JsonObject ToolCallMessage(string name, object arguments) => new()
    {
        ["role"] = "assistant",
        ["content"] = null,
        ["tool_calls"] = new JsonArray(new JsonObject
        {
            ["id"] = "call_" + Guid.NewGuid().ToString("N")[..8], ["type"] = "function",
            ["function"] = new JsonObject { ["name"] = name, ["arguments"] = JsonSerializer.Serialize(arguments) },
        }),
    };

    /// <summary>An assistant message with final text.</summary>
    public static JsonObject TextMessage(string text) => new() { ["role"] = "assistant", ["content"] = text };

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
