using SalesBot;
using SalesBot.Assistant;
using SalesBot.Backups;
using SalesBot.Configuration;
using SalesBot.Data;
using SalesBot.Facebook;
using SalesBot.Home;
using SalesBot.Insights;
using SalesBot.Keys;
using SalesBot.MerchantConsole;
using SalesBot.Observability;
using SalesBot.Sandbox;
using SalesBot.Shopify;
using SalesBot.Shopify.Auth;
using SalesBot.Snapshots;

// The container's HEALTHCHECK: `dotnet SalesBot.dll probe` asks the running service (the image has no curl).
if (HealthProbe.IsRequested(args))
{
    Environment.ExitCode = await HealthProbe.RunAsync(args);
    return;
}

// The Dockerfile's build step: the int8 sentence model written into the image, so a read-only container never quantizes.
if (SalesBot.Assistant.Semantic.PrepareModelCommand.IsRequested(args))
{
    Environment.ExitCode = SalesBot.Assistant.Semantic.PrepareModelCommand.Run(SalesBot.Assistant.Semantic.SentenceModelFiles.DefaultPath, Console.Out);
    return;
}

var builder = WebApplication.CreateBuilder(args);

builder.AddSalesBotConfiguration();
if (RestoreBackupCommand.Requested(args))
{
    Environment.ExitCode = await RestoreBackupCommand.RunAsync(builder, args);
    return;
}
builder.AddObservability();
builder.AddData();
builder.AddKeyRing();
builder.AddPlatformProxy();
builder.AddShopify();
builder.AddSnapshots();
builder.AddBackups();
builder.AddFacebook();
builder.AddAssistant();
builder.AddInsights();
builder.AddMerchantConsole();
builder.AddSandboxMode();
builder.AddRateLimits();

var app = builder.Build();
app.ValidateSalesBotConfiguration();
app.UsePlatformProxy();
app.LogShopifyMode();
app.UseMerchantSessions();
app.UseRateLimits();

app.MapHealth();
app.MapHome();
app.MapShopify();
app.MapFacebook();
app.MapInsights();
app.MapMerchantConsole();
app.MapSandboxMode();

app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
