using Microsoft.EntityFrameworkCore;
using SalesBot.Data;

namespace SalesBot.Assistant.Settings;

/// <summary>
/// Reads each shop's assistant settings with defaults, and saves them only when every field is valid. Picked codes are
/// checked here against the shop's current catalog, so a hand-made post cannot pick an unknown, single-use or
/// customer-restricted code whatever the page showed.
/// </summary>
public sealed class AssistantSettingsService(
    IDbContextFactory<SalesBotDbContext> dbFactory, CatalogProvider catalogs, TimeProvider time, IEnumerable<IAssistantSettingsListener> listeners)
{
    public async Task<ShopAssistantSettings> GetAsync(string shop, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.AssistantSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Shop == shop, cancellationToken);
        if (row is null) return ShopAssistantSettings.Defaults;
        return new ShopAssistantSettings(
            row.Greeting,
            row.SharedCodes.ToHashSet(StringComparer.OrdinalIgnoreCase),
            row.HandoffPauseMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : null,
            row.Disclosure,
            BusinessHours.FromStored(row.TimeZone, row.WeeklyHours),
            row.OutOfHoursReply,
            row.UpdatedAt);
    }

    /// <summary>The shop's time zone as stored even when no hours are set, so the form shows what the merchant typed last.</summary>
    public async Task<string?> StoredTimeZoneAsync(string shop, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AssistantSettings.Where(s => s.Shop == shop).Select(s => s.TimeZone).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Every code of the shop's catalog (empty before the first sync), eligible ones first, with the merchant's picks.</summary>
    public async Task<IReadOnlyList<CodeChoice>> CodeChoicesAsync(string shop, CancellationToken cancellationToken)
    {
        var settings = await GetAsync(shop, cancellationToken);
        var catalog = await catalogs.GetAsync(shop, cancellationToken);
        return (catalog?.Codes ?? [])
            .OrderBy(c => c.IsShareable ? 0 : 1).ThenBy(c => c.IsActive ? 0 : 1).ThenBy(c => c.Code, StringComparer.OrdinalIgnoreCase)
            .Select(c => new CodeChoice(c, settings.SharedCodes.Contains(c.Code)))
            .ToList();
    }

    public async Task<SettingsSaveResult> SaveAsync(string shop, AssistantSettingsInput input, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var greeting = Trimmed(input.Greeting);
        if (greeting?.Length > AssistantSettingsLimits.Greeting)
            errors[AssistantSettingsFields.Greeting] = $"Keep the greeting under {AssistantSettingsLimits.Greeting} characters (it has {greeting.Length}).";
        var outOfHours = Trimmed(input.OutOfHoursReply);
        if (outOfHours?.Length > AssistantSettingsLimits.OutOfHoursReply)
            errors[AssistantSettingsFields.OutOfHoursReply] = $"Keep the reply under {AssistantSettingsLimits.OutOfHoursReply} characters (it has {outOfHours.Length}).";
        if (input.HandoffPauseMinutes is { } pause && pause is < AssistantSettingsLimits.MinPauseMinutes or > AssistantSettingsLimits.MaxPauseMinutes)
            errors[AssistantSettingsFields.HandoffPause] =
                $"Choose between {AssistantSettingsLimits.MinPauseMinutes} minutes and {AssistantSettingsLimits.MaxPauseMinutes / 60 / 24} days ({AssistantSettingsLimits.MaxPauseMinutes} minutes).";

        var codes = await ValidCodesAsync(shop, input.SharedCodes, errors, cancellationToken);
        var zoneId = Trimmed(input.TimeZone);
        var hours = ValidHours(input, zoneId, errors);
        if (errors.Count > 0) return new SettingsSaveResult(errors);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.AssistantSettings.FirstOrDefaultAsync(s => s.Shop == shop, cancellationToken);
        if (row is null) db.AssistantSettings.Add(row = new AssistantSettings { Shop = shop });
        row.Greeting = greeting;
        row.SharedCodes = codes;
        row.HandoffPauseMinutes = input.HandoffPauseMinutes;
        row.Disclosure = input.Disclosure;
        row.TimeZone = zoneId;
        row.WeeklyHours = hours?.ToJson();
        row.OutOfHoursReply = outOfHours;
        row.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        foreach (var listener in listeners) await listener.SettingsSavedAsync(shop, cancellationToken);
        return new SettingsSaveResult(errors);
    }

    /// <summary>For <c>shop/redact</c>: the shop's settings go with the rest of its data.</summary>
    public async Task DeleteShopAsync(string shop, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.AssistantSettings.Where(s => s.Shop == shop).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<List<string>> ValidCodesAsync(string shop, IReadOnlyList<string> posted, Dictionary<string, string> errors, CancellationToken cancellationToken)
    {
        var wanted = posted.Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (wanted.Count == 0) return [];
        if (wanted.Count > AssistantSettingsLimits.SharedCodes)
        {
            errors[AssistantSettingsFields.SharedCodes] = $"Pick at most {AssistantSettingsLimits.SharedCodes} codes.";
            return [];
        }
        var catalog = await catalogs.GetAsync(shop, cancellationToken);
        if (catalog is null)
        {
            errors[AssistantSettingsFields.SharedCodes] = "The catalog has not been synced yet, so no code can be picked; try again once it is.";
            return [];
        }
        var known = catalog.Codes.GroupBy(c => c.Code, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        var valid = new List<string>();
        foreach (var code in wanted)
        {
            if (!known.TryGetValue(code, out var found)) problems.Add($"{Shorten(code)} is not a discount code of this shop");
            else if (found.Restriction != CodeRestriction.None) problems.Add($"{found.Code} can never be shared: {Describe(found.Restriction)}");
            else valid.Add(found.Code);
        }
        if (problems.Count > 0) errors[AssistantSettingsFields.SharedCodes] = string.Join("; ", problems) + ".";
        return valid;
    }

    private static BusinessHours? ValidHours(AssistantSettingsInput input, string? zoneId, Dictionary<string, string> errors)
    {
        TimeZoneInfo? zone = null;
        if (zoneId is not null && !BusinessHours.TryFindZone(zoneId, out zone))
            errors[AssistantSettingsFields.TimeZone] = $"{Shorten(zoneId)} is not an IANA time zone; use a name such as Europe/Berlin or America/New_York.";
        if (!input.HoursEnabled) return null;
        if (zoneId is null) errors[AssistantSettingsFields.TimeZone] = "Business hours need the shop's time zone.";

        var days = new List<DayHours>();
        foreach (var day in input.Days.DistinctBy(d => d.Day))
        {
            if (!day.Open) { days.Add(new DayHours(day.Day, null, null)); continue; }
            var opens = BusinessHours.ParseTime(day.Opens);
            var closes = BusinessHours.ParseTime(day.Closes);
            if (opens is null || closes is null)
                errors[AssistantSettingsFields.Day(day.Day)] = $"Give {day.Day}'s opening and closing time (HH:mm), or mark it closed.";
            else if (closes <= opens)
                errors[AssistantSettingsFields.Day(day.Day)] = $"{day.Day} closes before it opens; hours past midnight are not supported, so close at 23:59.";
            else days.Add(new DayHours(day.Day, opens, closes));
        }
        if (!days.Any(d => d.IsOpen) && !input.Days.Any(d => d.Open))
            errors[AssistantSettingsFields.Hours] = "Open at least one day, or turn business hours off.";
        return zone is null ? null : new BusinessHours(zone, days.OrderBy(d => ((int)d.Day + 6) % 7).ToList());
    }

    public static string Describe(CodeRestriction restriction) => restriction switch
    {
        CodeRestriction.SingleUse => "it is limited to one use in total",
        CodeRestriction.CustomersOnly => "it is limited to certain customers",
        CodeRestriction.Unknown => "who may use it is not known until the next catalog sync",
        _ => "it may be shared",
    };

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Echoed input is cut short, so a huge posted value does not come back whole in the page.</summary>
    private static string Shorten(string text) => "\u201c" + (text.Length > 40 ? text[..40] + "…" : text) + "\u201d";
}
