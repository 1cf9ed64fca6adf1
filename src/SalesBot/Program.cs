using SalesBot.Configuration;
using SalesBot.Data;
using SalesBot.Home;
using SalesBot.Sandbox;
using SalesBot.Shopify;
using SalesBot.Snapshots;

var builder = WebApplication.CreateBuilder(args);

builder.AddSalesBotConfiguration();
builder.AddData();
builder.AddShopify();
builder.AddSnapshots();
builder.AddSandboxMode();

var app = builder.Build();
app.LogShopifyMode();

app.MapHome();
app.MapShopify();
app.MapSnapshotStatus();
app.MapSandboxMode();

app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
