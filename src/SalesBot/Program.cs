using SalesBot.Configuration;
using SalesBot.Data;
using SalesBot.Home;

var builder = WebApplication.CreateBuilder(args);

builder.AddSalesBotConfiguration();
builder.AddData();

var app = builder.Build();

app.MapHome();

app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
