namespace SalesBot;

/// <summary>
/// <c>dotnet SalesBot.dll probe [path]</c>: asks the service running in this container for <c>/healthz</c> (or the path
/// given) on its own http port and exits 0 when it answers 2xx, 1 otherwise. The aspnet runtime image has no curl or
/// wget, and installing one would add a package to patch; the runtime itself is already there.
/// </summary>
public static class HealthProbe
{
    public const string Command = "probe";

    public static bool IsRequested(string[] args) => args is [Command, ..];

    public static async Task<int> RunAsync(string[] args)
    {
        var path = args.Length > 1 ? args[1] : "/healthz";
        var url = new Uri(new Uri($"http://127.0.0.1:{LocalPort()}"), path);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(url);
            Console.WriteLine($"{url}: {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Console.WriteLine($"{url}: {e.Message}");
            return 1;
        }
    }

    /// <summary>The port the service listens on: ASPNETCORE_HTTP_PORTS (the images set 8080), else ASPNETCORE_URLS, else 8080.</summary>
    public static int LocalPort()
    {
        var ports = Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS");
        if (ports?.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is [var first, ..] && int.TryParse(first, out var port))
            return port;
        var urls = Environment.GetEnvironmentVariable("ASPNETCORE_URLS");
        foreach (var entry in urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [])
        {
            // http://+:8080 and http://*:8080 are not URIs; only the port matters here.
            var normalized = entry.Replace("://+", "://localhost").Replace("://*", "://localhost").Replace("://[::]", "://localhost");
            if (normalized.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(normalized, UriKind.Absolute, out var uri))
                return uri.Port;
        }
        return 8080;
    }
}
