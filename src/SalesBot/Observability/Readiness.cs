namespace SalesBot.Observability;

/// <summary>What makes a check part of <c>/readyz</c>, and how long it may take before it counts as failed.</summary>
public static class Readiness
{
    public const string Tag = "ready";

    // Platform probes time out after a few seconds themselves; a check that hangs must fail before they do.
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);
}
