using System.Globalization;
using SalesBot.Catalog;
namespace SalesBot.Assistant;

/// <summary>Formats prices the way the shop does, from its Liquid-style <c>moneyFormat</c> (e.g. <c>${{amount}}</c>).</summary>
public sealed class MoneyFormatter
{
    private readonly string _format;

    public MoneyFormatter(ShopInfo shop)
    {
        var format = shop.CurrencyFormats?.MoneyFormat;
        // Some themes wrap the format in HTML (<span class=money>); Messenger shows plain text.
        _format = string.IsNullOrWhiteSpace(format)
            ? DefaultFormat(shop.CurrencyCode)
            : Tokenizer.StripHtml(format);
        CurrencyCode = shop.CurrencyCode;
    }

    public string CurrencyCode { get; }

    public string Format(decimal amount)
    {
        var result = _format;
        foreach (var (placeholder, value) in Placeholders(amount))
        {
            result = result.Replace("{{" + placeholder + "}}", value, StringComparison.Ordinal)
                           .Replace("{{ " + placeholder + " }}", value, StringComparison.Ordinal);
        }
        return result;
    }

    private static IEnumerable<(string, string)> Placeholders(decimal amount)
    {
        var inv = CultureInfo.InvariantCulture;
        yield return ("amount_no_decimals_with_comma_separator", Math.Round(amount).ToString("#,0", inv).Replace(',', '.'));
        yield return ("amount_no_decimals_with_space_separator", Math.Round(amount).ToString("#,0", inv).Replace(',', ' '));
        yield return ("amount_with_comma_separator", amount.ToString("#,0.00", inv).Replace(",", "\u0001").Replace('.', ',').Replace('\u0001', '.'));
        yield return ("amount_with_apostrophe_separator", amount.ToString("#,0.00", inv).Replace(',', '\''));
        yield return ("amount_with_space_separator", amount.ToString("#,0.00", inv).Replace(',', ' ').Replace('.', ','));
        yield return ("amount_no_decimals", Math.Round(amount).ToString("#,0", inv));
        yield return ("amount", amount.ToString("#,0.00", inv));
    }

    private static string DefaultFormat(string currency) => currency switch
    {
        "USD" or "CAD" or "AUD" or "NZD" => "${{amount}}",
        "EUR" => "€{{amount}}",
        "GBP" => "£{{amount}}",
        _ => "{{amount}} " + currency,
    };
}
