using Microsoft.AspNetCore.Components;
using SalesBot.Assistant;
using SalesBot.Assistant.Settings;
using SalesBot.Facebook;

namespace SalesBot.MerchantConsole.Pages;

/// <summary>
/// The assistant's settings for the signed-in shop: bot on/off per page, greeting and disclosure, shared codes,
/// handoff pause, business hours. Both forms post back here (antiforgery), then redirect with <c>?done=</c>;
/// a refused save re-renders with the merchant's input and a message beside each field, with status 400.
/// </summary>
public partial class Settings
{
    [Inject] public AssistantSettingsService SettingsService { get; set; } = default!;
    [Inject] public PageBotSwitches BotSwitches { get; set; } = default!;
    [Inject] public MessengerProfileStatus ProfileStatus { get; set; } = default!;
    [Inject] public MessengerProfileUpdates ProfileUpdates { get; set; } = default!;
    [Inject] public CatalogProvider Catalogs { get; set; } = default!;
    [Inject] public FacebookApp Facebook { get; set; } = default!;
    [Inject] public NavigationManager Navigation { get; set; } = default!;
    [Inject] public TimeProvider Time { get; set; } = default!;

    private DateTimeOffset Now => Time.GetUtcNow();

    private static readonly IReadOnlyDictionary<string, string> Messages = new Dictionary<string, string>
    {
        ["saved"] = "Settings saved. The bot uses them from the next message on; the pages' Messenger welcome screen gets the new greeting in the background (its state is beside each page below).",
        ["bot-on"] = "The bot answers on that page again.",
        ["bot-off"] = "The bot is off on that page: messages still arrive, nothing is answered.",
    };

    /// <summary>IANA zones this server knows, for the time zone field's suggestions.</summary>
    private static readonly Lazy<IReadOnlyList<string>> KnownZones = new(() =>
        TimeZoneInfo.GetSystemTimeZones().Where(z => z.HasIanaId).Select(z => z.Id).Order(StringComparer.Ordinal).ToList());

    private ShopAssistantSettings? saved;
    private SettingsForm form = new();
    private IReadOnlyList<CodeChoice> codes = [];
    private IReadOnlyList<PageBotState> pages = [];
    private IReadOnlyDictionary<string, ProfileOutcome> profiles = new Dictionary<string, ProfileOutcome>();
    private bool profileUpdating;
    private Dictionary<string, string> errors = [];
    private string? failure;
    private bool catalogMissing;
    private string ShopName = "";

    private static IReadOnlyList<string> Zones => KnownZones.Value;
    private TimeSpan DefaultPause => Facebook.HandoffPause;

    protected override async Task OnInitializedAsync()
    {
        var catalog = await Catalogs.GetAsync(Shop, RequestAborted);
        catalogMissing = catalog is null;
        ShopName = catalog?.Shop.Name ?? Shop;
        saved = await SettingsService.GetAsync(Shop, RequestAborted);
        codes = await SettingsService.CodeChoicesAsync(Shop, RequestAborted);
        pages = await BotSwitches.ListAsync(Shop, RequestAborted);
        // Read before the outcomes: an update ending in between shows as its outcome, never as a stale one.
        profileUpdating = ProfileUpdates.IsUpdating(Shop);
        profiles = await ProfileStatus.OfAsync(pages.Select(p => p.PageId).ToList(), RequestAborted);
        // A post handler runs after this and replaces the form with what was posted.
        form = SettingsForm.From(saved, await SettingsService.StoredTimeZoneAsync(Shop, RequestAborted), catalog?.Shop.IanaTimezone);
    }

    private async Task SaveAsync()
    {
        form = SettingsForm.Read(HttpContext.Request.Form);
        var pageErrors = new Dictionary<string, string>();
        var input = form.ToInput(pageErrors);
        var result = pageErrors.Count > 0 ? new SettingsSaveResult(pageErrors) : await SettingsService.SaveAsync(Shop, input, RequestAborted);
        if (result.Saved)
        {
            Navigation.NavigateTo("/console/settings?done=saved");
            return;
        }
        errors = new Dictionary<string, string>(result.Errors);
        failure = "Nothing was saved: please correct the fields marked below.";
        HttpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
    }

    private async Task SwitchBotAsync()
    {
        var value = HttpContext.Request.Form["page"].ToString();
        var on = value.StartsWith("on:", StringComparison.Ordinal);
        var pageId = value.Length > 3 && (on || value.StartsWith("off:", StringComparison.Ordinal)) ? value[(on ? 3 : 4)..] : "";
        // Only a page of the signed-in shop: any other id (another shop's page, or made up) is not found.
        if (pageId.Length == 0 || pageId.Length > 64 || !await BotSwitches.SetAsync(Shop, pageId, on, RequestAborted))
        {
            // A hand-made post: 404 with the console's not-found page, as for a conversation of another shop.
            Navigation.NotFound();
            return;
        }
        Navigation.NavigateTo("/console/settings?done=" + (on ? "bot-on" : "bot-off"));
    }

    /// <summary>A discount's first codes show as chips; the rest of a bulk discount (hundreds of codes) folds away.</summary>
    private const int ChipsShown = 8;

    private IEnumerable<IReadOnlyList<CodeChoice>> DiscountGroups =>
        codes.GroupBy(c => c.Code.DiscountId).Select(g => (IReadOnlyList<CodeChoice>)g.ToList());

    private string? PreviewOpening => saved?.FirstReplyOpening(ShopName);

    private string PreviewCodes
    {
        get
        {
            var shareable = codes.Where(c => c.Picked && c.Code.IsShareable && c.Code.IsActive).Select(c => c.Code.Code).ToList();
            return shareable.Count == 0
                ? "No codes are shared: the bot says there are none running and shows favourites."
                : "Here are the codes you can use right now: " + string.Join(", ", shareable);
        }
    }
}
