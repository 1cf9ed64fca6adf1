using SalesBot.Assistant;
using SalesBot.Configuration;
using SalesBot.Data;
using SalesBot.Facebook;
using SalesBot.Home;
using SalesBot.Sandbox.Facebook;

var builder = WebApplication.CreateBuilder(args);

builder.AddSalesBotConfiguration();
builder.AddData();
builder.AddFacebook();
builder.AddAssistant();
var facebookSandbox = (builder.Configuration.Get<FacebookOptions>() ?? new FacebookOptions()).IsSandbox;
if (facebookSandbox) builder.Services.AddFacebookSandbox(o => (o.AppId, o.AppSecret) = (FacebookOptions.SandboxAppId, FacebookOptions.SandboxAppSecret));

var app = builder.Build();

app.MapHome();
app.MapFacebook();
if (facebookSandbox) app.MapFacebookSandbox();

app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
