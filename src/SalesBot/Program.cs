using SalesBot.Assistant;
using SalesBot.Backups;
using SalesBot.Configuration;
using SalesBot.Data;
using SalesBot.Facebook;
using SalesBot.Home;
using SalesBot.Insights;
using SalesBot.MerchantConsole;
using SalesBot.Observability;
using SalesBot.Sandbox;
using SalesBot.Shopify;
using SalesBot.Shopify.Auth;
using SalesBot.Snapshots;

var builder = WebApplication.CreateBuilder(args);

builder.AddSalesBotConfiguration();
if (RestoreBackupCommand.Requested(args))
{
    Environment.ExitCode = await RestoreBackupCommand.RunAsync(builder, args);
    return;
}
builder.AddObservability();
builder.AddData();
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
