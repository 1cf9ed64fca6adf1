using System.Globalization;
using Microsoft.AspNetCore.Components;
using SalesBot.MerchantConsole.Components;
using SalesBot.MerchantConsole.OverviewModel;
using SalesBot.Shopify.Sync;

namespace SalesBot.MerchantConsole.Pages;

public sealed partial class Overview
{
    private const int MaxRows = 15;

    private static readonly Dictionary<string, string> Messages = new()
    {
        ["polled"] = "Shopify was read again; the run is at the top of the sync history.",
        ["poll-recent"] = "A full read ran less than a minute ago; its result is in the sync history.",
        ["poll-failed"] = "Reading Shopify failed; the reason is in the sync history.",
    };

    private ShopOverview? model;
    private ShopOverview o => model!;

    [Inject] public ShopOverviewReader Reader { get; set; } = default!;
    [Inject] public TimeProvider Time { get; set; } = default!;
    [Inject] public NavigationManager Navigation { get; set; } = default!;
    [Inject] public ILogger<Overview> Logger { get; set; } = default!;

    private DateTimeOffset Now => Time.GetUtcNow();

    protected override async Task OnInitializedAsync() => model = await Reader.ReadAsync(Shop, RequestAborted);

    private async Task PollNowAsync()
    {
        string code;
        try
        {
            code = await Reader.PollNowAsync(Shop, RequestAborted) is null ? "error=poll-recent" : "done=polled";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The run and its reason are recorded by the sync; the page only says where to look.
            Logger.LogWarning("A merchant's poll of {Shop} failed: {Reason}", Shop, e.Message);
            code = "error=poll-failed";
        }
        Navigation.NavigateTo("/console?" + code);
    }

    private string TokenHeadline => o.Authorization?.State switch
    {
        null => "not installed",
        "needs_reauthorization" => "needs re-authorization",
        "uninstalled" => "uninstalled",
        "lifetime_token" => "connected (lifetime token)",
        "preconfigured" => "connected (custom app)",
        _ => "connected",
    };

    private string TokenTone => o.Authorization?.State switch
    {
        null or "needs_reauthorization" or "uninstalled" => "bad",
        "lifetime_token" => "warn",
        _ => "ok",
    };

    private string TokenNote => o.Authorization switch
    {
        null => "Install the app from Shopify to start the mirror.",
        { State: "active", AccessTokenExpiresAt: { } expires } a =>
            $"Expiring token, refreshed automatically · access {Display.Ago(expires, Now)}" + (a.Refreshes > 0 ? $" · {a.Refreshes} refreshes" : ""),
        { State: "lifetime_token", Deadline: { } deadline } => $"Works until {deadline:d MMM yyyy}; Shopify refuses lifetime tokens after that.",
        { State: "needs_reauthorization" } a => a.Reason ?? "Shopify refused the token.",
        var a => a.Message,
    };

    private string WebhookTone =>
        o.Webhooks.Subscriptions.Count == 0 || o.Webhooks.Failed > 0 ? "warn" : o.Webhooks.LastDelivery is null ? "" : "ok";

    private static string OutcomeTone(string outcome) => outcome switch
    {
        SyncRunEntry.Published => "ok",
        SyncRunEntry.Unchanged => "",
        SyncRunEntry.Partial => "warn",
        _ => "bad",
    };

    private static string Changes(SyncRunEntry run) => run.Changes.Changed == 0 ? "none" : Display.Count(run.Changes.Changed);

    private static string Seconds(double seconds) => seconds < 10
        ? seconds.ToString("0.00", CultureInfo.InvariantCulture) + " s"
        : seconds.ToString("0", CultureInfo.InvariantCulture) + " s";

    private static string Lag(TimeSpan lag) => lag.TotalSeconds < 60
        ? lag.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s"
        : Display.Span(lag);

    private static string Short(string? hash) => hash is { Length: > 12 } ? hash[..12] : hash ?? "—";

    private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
