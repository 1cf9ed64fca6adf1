namespace SalesBot.Observability;

/// <summary>The probe paths, kept out of traces, HTTP metrics and rate limits: a probe every few seconds is not traffic.</summary>
public static class HealthEndpoints
{
    public const string Alive = "/healthz";
    public const string Ready = "/readyz";

    public static bool IsProbe(PathString path) => path.Equals(Alive, StringComparison.OrdinalIgnoreCase) || path.Equals(Ready, StringComparison.OrdinalIgnoreCase);
}
