namespace SalesBot.Insights;

public static class InsightsExtensions
{
    /// <summary>The counts of what the bot achieved, the tracked Buy links and the results read by the console.</summary>
    public static WebApplicationBuilder AddInsights(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<BuyLinks>();
        builder.Services.AddSingleton<InsightsRecorder>();
        builder.Services.AddSingleton<InsightsReport>();
        return builder;
    }

    public static WebApplication MapInsights(this WebApplication app)
    {
        app.MapBuyLinks();
        return app;
    }
}
