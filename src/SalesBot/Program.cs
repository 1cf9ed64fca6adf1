using SalesBot.Assistant;
using SalesBot.Configuration;
using SalesBot.Data;
using SalesBot.Facebook;
using SalesBot.Home;

var builder = WebApplication.CreateBuilder(args);

builder.AddSalesBotConfiguration();
builder.AddData();
builder.AddFacebook();
builder.AddAssistant();

var app = builder.Build();

app.MapHome();
app.MapFacebook();

app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
