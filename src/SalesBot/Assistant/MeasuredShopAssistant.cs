using System.Diagnostics;

namespace SalesBot.Assistant;

/// <summary>Times each turn of the assistant in use (and traces it), whichever mode it is, without either knowing.</summary>
public sealed class MeasuredShopAssistant(IShopAssistant inner, string mode, AssistantMetrics metrics, TimeProvider time) : IShopAssistant
{
    public async Task<AssistantReply> ReplyAsync(AssistantRequest request, CancellationToken cancellationToken)
    {
        using var activity = AssistantMetrics.Source.StartActivity("assistant turn");
        activity?.SetTag("salesbot.assistant.mode", mode);
        var started = time.GetTimestamp();
        string? error = null;
        try
        {
            return await inner.ReplyAsync(request, cancellationToken);
        }
        catch (Exception e)
        {
            error = e.GetType().FullName;
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
        finally
        {
            metrics.Turn(mode, time.GetElapsedTime(started), error);
        }
    }
}
