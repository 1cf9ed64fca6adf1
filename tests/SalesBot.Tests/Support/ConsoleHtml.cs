using System.Net;
using System.Text.RegularExpressions;

namespace SalesBot.Tests.Support;

/// <summary>Reads what a console page rendered: the antiforgery field of its forms and the text of an element by id.</summary>
public static partial class ConsoleHtml
{
    /// <summary>The hidden antiforgery field every console form carries: (name, value).</summary>
    public static KeyValuePair<string, string> AntiforgeryField(string page)
    {
        var match = AntiforgeryInput().Match(page);
        if (!match.Success) throw new InvalidOperationException("The page has no antiforgery field:\n" + page);
        return new(match.Groups[1].Value, WebUtility.HtmlDecode(match.Groups[2].Value));
    }

    /// <summary>The text inside the element with this id, tags stripped and entities decoded; null when there is none.</summary>
    public static string? TextOf(string page, string id)
    {
        var match = Regex.Match(page, $"<(\\w+)[^>]*\\bid=\"{Regex.Escape(id)}\"[^>]*>(.*?)</\\1>", RegexOptions.Singleline);
        return match.Success ? WebUtility.HtmlDecode(Regex.Replace(match.Groups[2].Value, "<[^>]+>", "")).Trim() : null;
    }

    /// <summary>A form post as the browser sends it: the page's antiforgery field plus these fields.</summary>
    public static FormUrlEncodedContent Form(string page, params (string Name, string Value)[] fields) =>
        new([AntiforgeryField(page), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);

    [GeneratedRegex("<input type=\"hidden\" name=\"(__RequestVerificationToken|[^\"]*[Aa]ntiforgery[^\"]*)\" value=\"([^\"]+)\"\\s*/?>")]
    private static partial Regex AntiforgeryInput();
}
