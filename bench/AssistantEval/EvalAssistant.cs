using SalesBot.Assistant;
using SalesBot.Assistant.Memory;
namespace AssistantEval;

/// <summary>One assistant the questions are put to: a turn against the conversation's memory, as the app runs it.</summary>
public abstract class EvalAssistant
{
    public abstract string Name { get; }

    public abstract Task<(AssistantReply Reply, ConversationMemory Memory)> ReplyAsync(AssistantRequest request, ConversationMemory memory);

    /// <summary>"catalog": no model, the rules and the catalog alone (also the app's fallback).</summary>
    public sealed class CatalogOnly : EvalAssistant
    {
        public override string Name => "catalog";

        public override Task<(AssistantReply Reply, ConversationMemory Memory)> ReplyAsync(AssistantRequest request, ConversationMemory memory) =>
            Task.FromResult(CatalogOnlyAssistant.Reply(request, memory));
    }

    /// <summary>"llm": the real <see cref="LlmShopAssistant"/> over HTTP to a scripted OpenAI-compatible server on loopback.</summary>
    public sealed class Llm(LlmShopAssistant assistant) : EvalAssistant
    {
        public override string Name => "llm";

        public override Task<(AssistantReply Reply, ConversationMemory Memory)> ReplyAsync(AssistantRequest request, ConversationMemory memory) =>
            assistant.ReplyAsync(request, memory, CancellationToken.None);
    }
}
