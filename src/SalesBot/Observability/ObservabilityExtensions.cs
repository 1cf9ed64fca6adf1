using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using OpenTelemetry;
using SalesBot.Data;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace SalesBot.Observability;

/// <summary>
/// Health endpoints for the platform's probes and OpenTelemetry for operators. Each part keeps its own Meter
/// ("SalesBot.*", made through IMeterFactory) and ActivitySource; this only decides where they go.
/// </summary>
public static class ObservabilityExtensions
{
    /// <summary>The standard variable (also read from .env): without it nothing is collected or exported.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static WebApplicationBuilder AddObservability(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [Readiness.Tag], timeout: Readiness.Timeout);

        if (string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointVariable])) return builder;

        // The SDK reads the rest of the standard variables itself (OTEL_SERVICE_NAME, OTEL_EXPORTER_OTLP_PROTOCOL,
        // _HEADERS, OTEL_METRIC_EXPORT_INTERVAL, OTEL_BSP_SCHEDULE_DELAY...), from the environment and .env alike.
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r =>
            {
                // A name of our own only as the fallback: AddService would override OTEL_SERVICE_NAME.
                if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"])) r.AddService(serviceName: "salesbot");
            })
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !HealthEndpoints.IsProbe(http.Request.Path))
                .AddHttpClientInstrumentation()
                // Query text only, never parameter values: tokens and shopper messages travel as parameters.
                .AddEntityFrameworkCoreInstrumentation()
                .AddSource(TelemetryNames.Wildcard))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter(TelemetryNames.Wildcard))
            .UseOtlpExporter();
        return builder;
    }

    /// <summary>
    /// <c>/healthz</c>: the process answers (no check runs, so a slow database never restarts it).
    /// <c>/readyz</c>: every check tagged <see cref="Readiness.Tag"/> (database, snapshot store); 503 names the failing one.
    /// </summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(HealthEndpoints.Alive, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponse.WriteAsync })
            .DisableHttpMetrics().DisableRateLimiting().ExcludeFromDescription();
        app.MapHealthChecks(HealthEndpoints.Ready, new HealthCheckOptions { Predicate = c => c.Tags.Contains(Readiness.Tag), ResponseWriter = HealthResponse.WriteAsync })
            .DisableHttpMetrics().DisableRateLimiting().ExcludeFromDescription();
        return app;
    }
}
