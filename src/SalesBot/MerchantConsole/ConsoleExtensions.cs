using Microsoft.AspNetCore.Authentication.Cookies;
using SalesBot.Shopify.Auth;

namespace SalesBot.MerchantConsole;

/// <summary>The merchant console: Shopify sign-in (online mode), the session cookie, antiforgery and the console pages.</summary>
public static class ConsoleExtensions
{
    public static WebApplicationBuilder AddMerchantConsole(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // The cookie handler protects the ticket with the app's Data Protection keys (DATA_DIR/keys or the database).
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme).Configure<Microsoft.Extensions.Options.IOptions<Configuration.AppOptions>>(SessionCookie.Configure);
        services.AddAuthorization(o => o.AddPolicy(MerchantSession.Policy, p => p
            .AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .RequireClaim(MerchantSession.ShopClaim)));
        services.AddAntiforgery();
        services.AddOptions<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>().Configure<Microsoft.Extensions.Options.IOptions<Configuration.AppOptions>>((o, app) =>
        {
            o.Cookie.Name = "salesbot_csrf";
            o.Cookie.SecurePolicy = SessionCookie.SecurePolicy(app.Value);
        });
        services.AddSingleton<MerchantSignIn>();
        services.AddSingleton<OverviewModel.ShopOverviewReader>();
        // The pages: Blazor components rendered on the server per request (static SSR), forms posted and validated
        // with antiforgery tokens; no circuit and no WebAssembly, so every instance serves every request.
        services.AddRazorComponents();
        return builder;
    }

    /// <summary>Before the endpoints: who is signed in, and whether they may.</summary>
    public static WebApplication UseMerchantSessions(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        // Checks the token of every form a console page binds (after authentication: tokens are bound to the merchant).
        app.UseAntiforgery();
        return app;
    }

    /// <summary>Sign-in, sign-out, the console pages and their stylesheet and script.</summary>
    public static WebApplication MapMerchantConsole(this WebApplication app)
    {
        app.MapConsoleSignIn();
        Inbox.InboxEventsApi.MapInboxEvents(app);
        // wwwroot as plain static files: MapStaticAssets' build-time compressed copies are only found in Development or a
        // publish, and `dotnet run` runs Production from the build output (it answered an empty body there).
        app.UseStaticFiles();
        app.MapRazorComponents<Components.ConsoleApp>().RequireRateLimiting(RateLimits.Console);
        return app;
    }
}
