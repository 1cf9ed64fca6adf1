namespace SalesBot.Assistant;

/// <summary>
/// How the app's regexes stay linear-time on text it does not control (shopper messages, model output, policy pages).
/// They run on the source-generated backtracking engine, written so they cannot backtrack more than linearly (no nested or
/// overlapping unbounded quantifiers; an unbounded run is followed only by what it cannot match), over capped text
/// (<see cref="ChatLimits"/>), with <see cref="TimeoutMs"/> as the backstop. RegexOptions.NonBacktracking, which needs no
/// such care, is kept only where a pattern needs two unbounded runs in a row: each of its instances holds 0.4–2.5 MB of
/// character-set caches for the life of the process (92 MB for the 60 patterns the app had, measured in
/// bench/AssistantBench/README.md), against none for a generated one. LinearRegexTests runs every pattern on adversarial
/// text at the caps.
/// </summary>
public static class RegexLimits
{
    /// <summary>A match that takes this long is a bug: every pattern runs in well under a millisecond on capped text.</summary>
    public const int TimeoutMs = 250;
}
