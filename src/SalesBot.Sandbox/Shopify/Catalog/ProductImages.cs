using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SalesBot.Sandbox.Shopify.Catalog;

/// <summary>
/// Product pictures the sandbox serves itself (a drawing of the kind in the variant's colour), so the demo store shows
/// images with no internet. The store keeps them as paths; the Admin API answers them as absolute URLs on the
/// sandbox's own origin, as Shopify answers absolute cdn.shopify.com URLs.
/// </summary>
public static class ProductImages
{
    public const string PathPrefix = "/sandbox/images/";

    /// <summary>The image's path; <paramref name="hex"/> is six hex digits without <c>#</c>.</summary>
    public static string PathFor(ProductKind kind, string hex) => $"{PathPrefix}{kind.Slug}/{hex}.svg";

    /// <summary>An absolute URL for a stored media URL: paths the sandbox serves get <paramref name="baseUri"/> (ending in <c>/</c>) in front.</summary>
    public static string Absolute(string url, string baseUri) =>
        url.StartsWith('/') && baseUri.Length > 0 ? baseUri.TrimEnd('/') + url : url;

    public static IEndpointRouteBuilder MapProductImages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(PathPrefix + "{kind}/{hex}.svg", (string kind, string hex, HttpResponse response) =>
        {
            if (ProductKinds.BySlug(kind) is not { } found || !IsHex(hex)) return Results.NotFound();
            // Same path, same picture: a browser or Messenger's image proxy may keep it.
            response.Headers.CacheControl = "public, max-age=86400";
            return Results.Text(Svg(found, hex), "image/svg+xml");
        });
        return endpoints;
    }

    private static bool IsHex(string hex) => hex.Length == 6 && hex.All(char.IsAsciiHexDigit);

    /// <summary>
    /// A drawing at Messenger's horizontal card ratio (1.91:1, the generic template's default image_aspect_ratio):
    /// a light backdrop, the object in its colour, outlined a shade darker.
    /// </summary>
    public static string Svg(ProductKind kind, string hex)
    {
        var fill = "#" + hex.ToLowerInvariant();
        var line = "#" + Shade(hex, 0.6);
        var shape = Shapes.GetValueOrDefault(kind.Slug, """<rect x="110" y="110" width="180" height="180" rx="24"/>""");
        return $"""
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 764 400" width="764" height="400" role="img" aria-label="{kind.ProductType}">
            <rect width="764" height="400" fill="#f4f1ec"/><ellipse cx="382" cy="350" rx="150" ry="14" fill="#e2ddd4"/>
            <g transform="translate(182 0)" fill="{fill}" stroke="{line}" stroke-width="6" stroke-linejoin="round" stroke-linecap="round">{shape}</g>
            </svg>
            """;
    }

    /// <summary>The colour scaled toward black, for outlines and details.</summary>
    private static string Shade(string hex, double factor)
    {
        var rgb = Convert.FromHexString(hex);
        return string.Concat(rgb.Select(c => ((int)(c * factor)).ToString("x2", CultureInfo.InvariantCulture)));
    }

    private static readonly Dictionary<string, string> Shapes = new()
    {
        ["shirt"] = """<path d="M150 80 L95 105 L55 165 L100 190 L125 160 L125 330 L275 330 L275 160 L300 190 L345 165 L305 105 L250 80 Q200 120 150 80 Z"/><path d="M175 92 L200 140 L225 92" fill="none"/>""",
        ["hoodie"] = """<path d="M150 95 L100 115 L65 250 L105 258 L130 175 L130 330 L270 330 L270 175 L295 258 L335 250 L300 115 L250 95 Z"/><path d="M150 95 Q150 40 200 40 Q250 40 250 95 Q225 135 200 135 Q175 135 150 95 Z"/><path d="M160 255 L240 255 L250 300 L150 300 Z" fill="none"/>""",
        ["jacket"] = """<path d="M145 80 L95 100 L60 300 L105 305 L125 175 L125 335 L275 335 L275 175 L295 305 L340 300 L305 100 L255 80 L200 130 Z"/><path d="M200 130 L200 335 M145 80 L175 160 M255 80 L225 160" fill="none"/>""",
        ["sneaker"] = """<path d="M60 275 L75 190 Q120 200 160 170 L195 165 Q215 205 250 215 Q320 230 345 255 L350 275 Z"/><path d="M55 275 L352 275 L350 300 Q200 312 58 300 Z" fill="#fafafa"/><path d="M150 185 L175 215 M170 176 L195 206" fill="none"/>""",
        ["mug"] = """<path d="M110 120 L270 120 L262 320 Q190 335 118 320 Z"/><path d="M268 165 Q335 165 330 225 Q325 280 262 280" fill="none" stroke-width="18"/><path d="M150 90 Q160 70 150 50 M190 90 Q200 70 190 50 M230 90 Q240 70 230 50" fill="none" stroke="#bdb6aa"/>""",
        ["candle"] = """<rect x="125" y="150" width="150" height="180" rx="14"/><rect x="125" y="190" width="150" height="70" fill="#fbf8f2"/><path d="M200 150 L200 120" fill="none" stroke="#333"/><path d="M200 70 Q225 100 200 122 Q175 100 200 70 Z" fill="#f2a93b" stroke="#d9822b"/>""",
        ["backpack"] = """<path d="M160 80 Q200 45 240 80" fill="none" stroke-width="12"/><rect x="110" y="80" width="180" height="255" rx="40"/><path d="M110 150 Q200 190 290 150 L290 120 Q290 80 250 80 L150 80 Q110 80 110 120 Z"/><rect x="145" y="240" width="110" height="70" rx="14" fill="none"/>""",
        ["lamp"] = """<path d="M135 80 L265 80 L305 190 L95 190 Z"/><path d="M200 190 L200 310" fill="none" stroke-width="12"/><ellipse cx="200" cy="320" rx="70" ry="16"/>""",
        ["notebook"] = """<rect x="115" y="70" width="180" height="260" rx="10"/><rect x="115" y="70" width="26" height="260" rx="6" fill="#00000033"/><rect x="170" y="120" width="90" height="40" rx="4" fill="#fbf8f2"/><path d="M270 70 L270 345" fill="none" stroke="#c0392b" stroke-width="5"/>""",
        ["bracelet"] = """<ellipse cx="200" cy="210" rx="115" ry="95" fill="none" stroke-width="16"/><circle cx="85" cy="210" r="16"/><circle cx="315" cy="210" r="16"/><circle cx="200" cy="115" r="16"/><circle cx="200" cy="305" r="16"/><circle cx="119" cy="143" r="12"/><circle cx="281" cy="143" r="12"/><circle cx="119" cy="277" r="12"/><circle cx="281" cy="277" r="12"/>""",
        ["planter"] = """<path d="M200 195 Q150 120 110 135 Q150 160 200 195 Z M200 195 Q255 105 300 120 Q255 150 200 195 Z M200 195 Q195 110 205 70 Q215 120 200 195 Z" fill="#5f8f4f" stroke="#3f6f35"/><path d="M115 195 L285 195 L262 330 L138 330 Z"/><rect x="105" y="185" width="190" height="28" rx="6"/>""",
        ["scarf"] = """<path d="M130 70 L270 70 L270 150 Q270 200 230 210 L250 330 L200 330 L185 215 Q130 200 130 150 Z"/><path d="M205 330 L205 350 M220 330 L220 350 M235 330 L235 350" fill="none"/><path d="M130 110 L270 110 M130 130 L270 130" fill="none" stroke-width="3"/>""",
    };
}
