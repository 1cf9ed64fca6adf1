using System.Text.Json;

namespace SalesBot.Shopify.Webhooks;

/// <summary>
/// The shop a payload names. Shopify signs the body only, so the <c>X-Shopify-Shop-Domain</c> header of a signed
/// body can be rewritten; topics that uninstall or erase act only when the body names the header's shop.
/// <c>app/uninstalled</c> carries the shop object (<c>myshopify_domain</c>; <c>domain</c> is the primary domain, so it
/// is only a fallback), the compliance topics carry <c>shop_domain</c>.
/// </summary>
public static class PayloadShop
{
    /// <summary>The validated domain the payload names, or null when it names none.</summary>
    public static string? Of(string topic, string payload)
    {
        using var json = JsonDocument.Parse(payload);
        if (json.RootElement.ValueKind != JsonValueKind.Object) return null;
        string[] fields = topic == WebhookTopics.AppUninstalled
            ? ["myshopify_domain", "domain"]
            : ["shop_domain", "domain"];
        foreach (var field in fields)
            if (json.RootElement.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
                && ShopDomain.TryParse(value.GetString(), out var domain))
                return domain;
        return null;
    }

    /// <summary>True when the payload names <paramref name="shop"/> (the validated header domain).</summary>
    public static bool Matches(WebhookDelivery delivery) =>
        string.Equals(Of(delivery.Topic, delivery.Payload), delivery.Shop, StringComparison.Ordinal);
}
