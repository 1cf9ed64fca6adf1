using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SalesBot.Configuration;

namespace SalesBot.Tests.Support;

/// <summary>
/// The real app on real Kestrel over loopback (webhook self-tests and sandbox deliveries need a real
/// address), with its own temp DATA_DIR. Settings use the app's environment variable names.
/// </summary>
public sealed class SalesBotApp : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    private SalesBotApp(WebApplicationFactory<Program> factory, Uri baseUri, string dataDir)
    {
        _factory = factory;
        BaseUri = baseUri;
        DataDir = dataDir;
    }

    public Uri BaseUri { get; }

    /// <summary><see cref="BaseUri"/> without its trailing slash, to put paths after.</summary>
    public string BaseUrl => BaseUri.ToString().TrimEnd('/');

    public string DataDir { get; }

    public IServiceProvider Services => _factory.Services;

    /// <summary>Starts the app; <paramref name="dataDir"/> lets a test restart it on the same state; <paramref name="logs"/> collects what it logs.</summary>
    public static SalesBotApp Start(IDictionary<string, string?> settings, string? dataDir = null, int? port = null, LogCollector? logs = null)
    {
        dataDir ??= Directory.CreateTempSubdirectory("salesbot-test-").FullName;
        var chosenPort = port ?? LoopbackPort.Free();
        var baseUri = new Uri($"http://127.0.0.1:{chosenPort}");
        var all = new Dictionary<string, string?>
        {
            ["DATA_DIR"] = dataDir,
            ["APP_BASE_URL"] = baseUri.ToString().TrimEnd('/'),
            ["SHOPIFY_POLL_INTERVAL"] = "01:00:00",
            ["SHOPIFY_SYNC_DEBOUNCE"] = "00:00:00.100",
            ["SNAPSHOT_RETRY_INITIAL_DELAY"] = "00:00:00.200",
            ["SNAPSHOT_RETRY_MAX_DELAY"] = "00:00:01",
            // No scheduled backup at every test app's start; backup tests set their own interval.
            ["BACKUP_INTERVAL"] = "00:00:00",
        };
        foreach (var (key, value) in settings) all[key] = value;
        if (!all.ContainsKey("DATABASE_URL") && TestDatabase.UrlFor(dataDir) is { } databaseUrl) all["DATABASE_URL"] = databaseUrl;

        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in all) b.UseSetting(key, value);
            b.UseEnvironment("Testing");
            if (logs is not null) b.ConfigureServices(s => s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logs));
        });
        factory.UseKestrel(k => k.Listen(IPAddress.Loopback, chosenPort));
        factory.StartServer();
        return new SalesBotApp(factory, baseUri, dataDir);
    }

    /// <summary>
    /// Settings that point the app at a standalone sandbox store as if it were Shopify; the in-process sandbox Messenger
    /// stays, which beside a real-looking Shopify key must be asked for (SALESBOT_SANDBOX=1, loopback only).
    /// </summary>
    public static Dictionary<string, string?> AgainstSandbox(string apiOrigin) => new()
    {
        ["SALESBOT_SANDBOX"] = "1",
        ["SHOPIFY_API_KEY"] = ShopifyOptions.SandboxApiKey,
        ["SHOPIFY_API_SECRET"] = ShopifyOptions.SandboxApiSecret,
        ["SHOPIFY_API_ORIGIN"] = apiOrigin,
    };

    public T Get<T>() where T : notnull => (T)_factory.Services.GetService(typeof(T))!;

    /// <summary>A browser-like client: keeps cookies, does not follow redirects.</summary>
    public HttpClient Browser() => new(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
    {
        BaseAddress = BaseUri,
        Timeout = TimeSpan.FromMinutes(3),
    };

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

}
