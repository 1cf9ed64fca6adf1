using System.Text.RegularExpressions;

namespace SalesBot.Assistant.Memory;

public enum SaleAction { None, Add, Remove, ShowCart, Checkout }

public enum AlternativeKind { None, Cheaper, Similar }

/// <summary>
/// The parts of a message that only make sense against the conversation's memory, read without a model: an action on
/// the cart, an ordinal ("the second one", "2nd", "last"), a pronoun ("it", "that one"), a quantity ("add 2").
/// Option values ("in blue", "size M") are matched later, against the product in question.
/// </summary>
public sealed partial record FollowUpText(SaleAction Action, int? Ordinal, bool Pronoun, int Quantity, string Rest,
    AlternativeKind Alternative = AlternativeKind.None)
{
    /// <summary>The ordinal "last": resolved against however many products were shown.</summary>
    public const int Last = -1;

    public static FollowUpText Parse(string? text)
    {
        var lower = (text ?? "").ToLowerInvariant().Trim();
        var action = SaleAction.None;
        var rest = lower;
        if (CheckoutPattern().IsMatch(lower)) action = SaleAction.Checkout;
        else if (ShowCartPattern().IsMatch(lower)) action = SaleAction.ShowCart;
        else if (RemovePattern().Match(lower) is { Success: true } remove) { action = SaleAction.Remove; rest = remove.Groups["rest"].Value; }
        else if (AddPattern().IsMatch(lower)) action = SaleAction.Add;

        var quantity = 1;
        if (action == SaleAction.Add && QuantityPattern().Matches(lower).FirstOrDefault(m => !m.Groups["ord"].Success) is { } q) quantity = Number(q.Groups["n"].Value) ?? 1;
        var alternative = action != SaleAction.None ? AlternativeKind.None
            : CheaperPattern().IsMatch(lower) ? AlternativeKind.Cheaper
            : SimilarPattern().IsMatch(lower) ? AlternativeKind.Similar
            : AlternativeKind.None;
        return new FollowUpText(action, OrdinalOf(lower), PronounPattern().IsMatch(lower), Math.Clamp(quantity, 1, ConversationMemory.MaxQuantity), rest, alternative);
    }

    private static int? OrdinalOf(string lower)
    {
        if (OrdinalWordPattern().Match(lower) is { Success: true } word)
            return word.Value == "last" ? Last : Array.IndexOf(OrdinalWords, word.Value) + 1;
        if (OrdinalNumberPattern().Match(lower) is { Success: true } number) return int.Parse(number.Groups["n"].Value);
        return null;
    }

    private static readonly string[] OrdinalWords = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];
    private static readonly string[] NumberWords = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

    private static int? Number(string value) =>
        int.TryParse(value, out var n) ? n : Array.IndexOf(NumberWords, value) is var i and >= 0 ? i + 1 : null;

    [GeneratedRegex(@"\b(?:check\s?out|checking out|proceed to (?:payment|pay)|ready to (?:pay|order)|pay now|place (?:my |the |an )?order|checkout link)\b", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex CheckoutPattern();

    [GeneratedRegex(@"(?:\b(?:show|see|view|open)\s+(?:me\s+)?(?:my|the)\s+(?:cart|basket|bag)\b|\bwhat'?s in (?:my|the) (?:cart|basket|bag)\b|^(?:my\s+)?(?:cart|basket)\??$)", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex ShowCartPattern();

    [GeneratedRegex(@"\b(?:remove|delete|take out|take off|drop)\b\s*(?<rest>.*)$", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex RemovePattern();

    [GeneratedRegex(@"\b(?:add|i'?ll take|i will take|i'?ll have|put)\b", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex AddPattern();

    [GeneratedRegex(@"\b(?:add|take|have|put)\s+(?<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\b(?<ord>\s*(?:st|nd|rd|th)\b)?", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex QuantityPattern();

    [GeneratedRegex(@"\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last)\b", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex OrdinalWordPattern();

    [GeneratedRegex(@"(?:\b(?<n>\d{1,2})(?:st|nd|rd|th)\b|(?:\bnumber|\bno\.|#)\s*(?<n>\d{1,2})\b)", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex OrdinalNumberPattern();

    [GeneratedRegex(@"\b(?:cheaper|less expensive|lower price|more affordable|costs? less)\b", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex CheaperPattern();

    [GeneratedRegex(@"\b(?:similar|alike|alternatives?|something like (?:it|this|that)(?: one)?|others? like (?:it|this|that))\b", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex SimilarPattern();

    [GeneratedRegex(@"\b(?:it|this|that|these|those|them)\b", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex PronounPattern();
}
