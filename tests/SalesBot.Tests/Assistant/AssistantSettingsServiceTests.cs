using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SalesBot.Assistant;
using SalesBot.Assistant.Settings;
using SalesBot.Catalog;
using SalesBot.Data;
using SalesBot.Snapshots;

namespace SalesBot.Tests.Assistant;

/// <summary>The settings service without HTTP: defaults, every refusal, and codes checked against the shop's own catalog.</summary>
public sealed class AssistantSettingsServiceTests : IAsyncLifetime
{
    private const string Shop = TestCatalog.Shop;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "salesbot-settings-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-03-02T10:00:00Z"));
    private ServiceProvider _services = null!;
    private AssistantSettingsService _settings = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        var store = new LocalFolderSnapshotStore(Path.Combine(_dir, "snapshots"));
        var catalog = TestCatalog.Create(
        [
            CatalogBuilder.CodeDiscount("gid://shopify/DiscountCodeNode/1", "Spring", ["SPRING15"], summary: "15% off everything"),
            CatalogBuilder.CodeDiscount("gid://shopify/DiscountCodeNode/2", "Lucky one", ["ONETIME25"], usageLimit: 1),
            CatalogBuilder.CodeDiscount("gid://shopify/DiscountCodeNode/3", "VIP", ["VIP20"], context: "DiscountCustomers"),
            CatalogBuilder.CodeDiscount("gid://shopify/DiscountCodeNode/4", "Summer", ["SUMMER30"], status: "EXPIRED"),
        ]);
        await store.PutAsync(Shop, JsonSerializer.SerializeToUtf8Bytes(catalog, CatalogJson.Default.ShopifyData), "hash-1", default);
        _services = new ServiceCollection()
            .AddDbContextFactory<SalesBotDbContext>(o => o.UseSqlite($"Data Source={Path.Combine(_dir, "salesbot.db")};Pooling=False"))
            .AddSingleton<ISnapshotStore>(store)
            .AddSingleton<TimeProvider>(_time)
            .AddSingleton(sp => new CatalogProvider(store, _time, NullLogger<CatalogProvider>.Instance))
            .AddSingleton<AssistantSettingsService>()
            .BuildServiceProvider();
        await using (var db = await _services.GetRequiredService<IDbContextFactory<SalesBotDbContext>>().CreateDbContextAsync())
            await db.Database.EnsureCreatedAsync();
        _settings = _services.GetRequiredService<AssistantSettingsService>();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private static IReadOnlyList<DayInput> WorkingWeek(string opens = "09:00", string closes = "17:00") =>
        Enum.GetValues<DayOfWeek>().Select(d => new DayInput(d, d is not (DayOfWeek.Saturday or DayOfWeek.Sunday), opens, closes)).ToList();

    private static AssistantSettingsInput Input(string? greeting = null, string[]? codes = null, int? pause = null, bool disclosure = true,
        bool hours = false, string? zone = null, IReadOnlyList<DayInput>? days = null, string? outOfHours = null) =>
        new(greeting, codes ?? [], pause, disclosure, hours, zone, days ?? WorkingWeek(), outOfHours);

    [Fact]
    public async Task A_shop_without_settings_shares_no_code_and_discloses_the_assistant()
    {
        var settings = await _settings.GetAsync(Shop, default);

        Assert.Empty(settings.SharedCodes);
        Assert.True(settings.Disclosure);
        Assert.Null(settings.Greeting);
        Assert.Null(settings.HandoffPause);
        Assert.Null(settings.Hours);
        Assert.True(settings.IsStaffedAt(_time.GetUtcNow()));
        Assert.Equal(ShopAssistantSettings.DisclosureLine("Test Boutique"), settings.FirstReplyOpening("Test Boutique"));
    }

    [Fact]
    public async Task Saved_settings_come_back_as_saved()
    {
        var result = await _settings.SaveAsync(Shop, Input("  Hi there!  ", ["spring15"], 90, false, true, "Europe/Berlin", outOfHours: "Back {back}."), default);

        Assert.True(result.Saved);
        var settings = await _settings.GetAsync(Shop, default);
        Assert.Equal("Hi there!", settings.Greeting);
        Assert.Equal(["SPRING15"], settings.SharedCodes);
        Assert.Equal(TimeSpan.FromMinutes(90), settings.HandoffPause);
        Assert.False(settings.Disclosure);
        Assert.Equal("Europe/Berlin", settings.Hours!.Zone.Id);
        Assert.Equal(new TimeOnly(9, 0), settings.Hours.For(DayOfWeek.Monday).Opens);
        Assert.False(settings.Hours.For(DayOfWeek.Sunday).IsOpen);
        Assert.Equal(_time.GetUtcNow(), settings.UpdatedAt);
        Assert.Equal(["SPRING15"], (await _settings.CodeChoicesAsync(Shop, default)).Where(c => c.Picked).Select(c => c.Code.Code));
    }

    [Theory]
    [InlineData("ONETIME25", "one use in total")]
    [InlineData("VIP20", "certain customers")]
    [InlineData("NOPE99", "not a discount code of this shop")]
    public async Task An_ineligible_or_unknown_code_is_refused_even_when_posted_by_hand(string code, string reason)
    {
        var result = await _settings.SaveAsync(Shop, Input(greeting: "Hello", codes: ["SPRING15", code]), default);

        Assert.False(result.Saved);
        Assert.Contains(reason, result.Errors[AssistantSettingsFields.SharedCodes]);
        // Nothing at all was saved, not even the valid fields.
        Assert.Equal(ShopAssistantSettings.Defaults, await _settings.GetAsync(Shop, default));
    }

    [Fact]
    public async Task An_expired_code_may_be_picked_and_is_simply_not_said_while_expired()
    {
        Assert.True((await _settings.SaveAsync(Shop, Input(codes: ["SUMMER30"]), default)).Saved);
        Assert.Equal(["SUMMER30"], (await _settings.GetAsync(Shop, default)).SharedCodes);
    }

    [Fact]
    public async Task Codes_of_a_shop_without_a_catalog_are_refused()
    {
        var result = await _settings.SaveAsync("other-shop.myshopify.com", Input(codes: ["SPRING15"]), default);
        Assert.Contains("not been synced", result.Errors[AssistantSettingsFields.SharedCodes]);
    }

    [Fact]
    public async Task Every_bad_field_is_refused_with_its_own_message()
    {
        var days = WorkingWeek().Select(d => d.Day switch
        {
            DayOfWeek.Monday => d with { Closes = "08:00" },
            DayOfWeek.Tuesday => d with { Opens = "9 o'clock" },
            _ => d,
        }).ToList();
        var result = await _settings.SaveAsync(Shop, Input(new string('a', AssistantSettingsLimits.Greeting + 1), pause: 2, hours: true,
            zone: "Mars/Olympus_Mons", days: days, outOfHours: new string('b', AssistantSettingsLimits.OutOfHoursReply + 1)), default);

        Assert.False(result.Saved);
        Assert.Contains("under 300", result.Errors[AssistantSettingsFields.Greeting]);
        Assert.Contains("between 5 minutes", result.Errors[AssistantSettingsFields.HandoffPause]);
        Assert.Contains("not an IANA time zone", result.Errors[AssistantSettingsFields.TimeZone]);
        Assert.Contains("closes before it opens", result.Errors[AssistantSettingsFields.Day(DayOfWeek.Monday)]);
        Assert.Contains("opening and closing time", result.Errors[AssistantSettingsFields.Day(DayOfWeek.Tuesday)]);
        Assert.Contains("under 500", result.Errors[AssistantSettingsFields.OutOfHoursReply]);
    }

    [Theory]
    [InlineData(null, "need the shop's time zone")]
    [InlineData("W. Europe Standard Time", "not an IANA time zone")]
    public async Task Business_hours_need_an_iana_time_zone(string? zone, string message)
    {
        var result = await _settings.SaveAsync(Shop, Input(hours: true, zone: zone), default);
        Assert.Contains(message, result.Errors[AssistantSettingsFields.TimeZone]);
    }

    [Fact]
    public async Task Business_hours_with_every_day_closed_are_refused()
    {
        var closed = Enum.GetValues<DayOfWeek>().Select(d => new DayInput(d, false, null, null)).ToList();
        var result = await _settings.SaveAsync(Shop, Input(hours: true, zone: "UTC", days: closed), default);
        Assert.Contains("at least one day", result.Errors[AssistantSettingsFields.Hours]);
    }

    [Fact]
    public void Business_hours_follow_the_shops_time_zone_and_say_when_a_person_is_back()
    {
        Assert.True(BusinessHours.TryFindZone("America/New_York", out var zone));
        var hours = new BusinessHours(zone, Enum.GetValues<DayOfWeek>()
            .Select(d => d is DayOfWeek.Saturday or DayOfWeek.Sunday ? new DayHours(d, null, null) : new DayHours(d, new TimeOnly(9, 0), new TimeOnly(17, 0))).ToList());

        // Monday 2 March 2026, 10:00 UTC is 05:00 in New York (EST): closed, back today at 09:00.
        var monday = DateTimeOffset.Parse("2026-03-02T10:00:00Z");
        Assert.False(hours.IsOpenAt(monday));
        Assert.Equal("today at 09:00", hours.DescribeNextOpening(monday));
        Assert.True(hours.IsOpenAt(DateTimeOffset.Parse("2026-03-02T14:00:00Z")));
        // Friday 22:00 UTC is 17:00 in New York: closing time, back Monday.
        Assert.Equal("Monday at 09:00", hours.DescribeNextOpening(DateTimeOffset.Parse("2026-03-06T22:00:00Z")));
        // After the clocks change (8 March 2026) 13:30 UTC is 09:30 EDT: open.
        Assert.True(hours.IsOpenAt(DateTimeOffset.Parse("2026-03-09T13:30:00Z")));

        var settings = ShopAssistantSettings.Defaults with { Hours = hours };
        Assert.Equal("Our team is away right now and back tomorrow at 09:00.",
            settings.OutOfHoursText(DateTimeOffset.Parse("2026-03-02T23:00:00Z")).Split(" Leave")[0]);
    }
}
