using SalesBot.TestKit;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Configuration;

/// <summary>
/// The traps a newcomer met (issue 13 item 2), checked on the real program started as a child process: a bad value is
/// one line and exit code 1; .env and relative paths resolve from the folder the command is typed in; appsettings.json's
/// log levels hold wherever the service is started from.
/// </summary>
public class StartupTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private static string TempFolder() => Directory.CreateTempSubdirectory("salesbot-start-").FullName;

    [Theory]
    [InlineData("SHOPIFY_POLL_INTERVAL", "often", "00:30:00")]
    [InlineData("SHOPIFY_BULK_THRESHOLD", "lots", "a whole number")]
    [InlineData("SALESBOT_SANDBOX", "maybe", "allowed: 1")]
    [InlineData("SANDBOX_CATALOG_CSV", "missing.csv", "does not exist")]
    public async Task A_bad_value_prints_one_line_naming_the_variable_and_what_is_allowed(string name, string value, string allowed)
    {
        var folder = TempFolder();
        await using var app = ServiceProcess.Start(new Dictionary<string, string?> { ["DATA_DIR"] = Path.Combine(folder, "data"), [name] = value },
            ["--urls", "http://127.0.0.1:0"], workingDirectory: folder);

        Assert.Equal(1, await app.WaitForExitAsync(StartTimeout));
        var line = Assert.Single(app.Lines);
        Assert.StartsWith(name, line);
        Assert.Contains(value, line);
        Assert.Contains(allowed, line);
    }

    [Fact]
    public async Task The_sandbox_beside_real_credentials_refuses_a_public_address()
    {
        var folder = TempFolder();
        await using var app = ServiceProcess.Start(new Dictionary<string, string?>
        {
            ["DATA_DIR"] = Path.Combine(folder, "data"),
            ["SHOPIFY_API_KEY"] = "real-key",
            ["SHOPIFY_API_SECRET"] = "real-secret",
            ["SALESBOT_SANDBOX"] = "1",
            ["APP_BASE_URL"] = "https://bot.example.com",
        }, ["--urls", "http://127.0.0.1:0"], workingDirectory: folder);

        Assert.Equal(1, await app.WaitForExitAsync(StartTimeout));
        var line = Assert.Single(app.Lines);
        Assert.Contains("SALESBOT_SANDBOX=1", line);
        Assert.Contains("loopback APP_BASE_URL", line);
        Assert.Contains("https://bot.example.com", line);
    }

    [Fact]
    public async Task Started_from_another_folder_it_keeps_appsettings_log_levels_under_a_burst()
    {
        var folder = TempFolder();
        var port = LoopbackPort.Free();
        var baseUrl = $"http://127.0.0.1:{port}";
        await using var app = ServiceProcess.Start(new Dictionary<string, string?>
        {
            ["DATA_DIR"] = Path.Combine(folder, "data"),
            ["APP_BASE_URL"] = baseUrl,
        }, ["--urls", baseUrl], workingDirectory: folder);
        await app.WaitForLineAsync("Application started", StartTimeout);
        await app.WaitForLineAsync("Content root path", StartTimeout);
        var before = app.Lines.Count;

        // Each kind of request that used to log: the request itself (hosting diagnostics) and SQL (an OAuth state is stored).
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };
        const int Requests = 150;
        for (var i = 0; i < Requests; i++)
        {
            using var response = await client.GetAsync((i % 3) switch { 0 => "/", 1 => "/healthz", _ => "/console/login?shop=demo-store" });
            Assert.True((int)response.StatusCode < 400, $"{response.RequestMessage!.RequestUri} answered {(int)response.StatusCode}");
        }
        using (var css = await client.GetAsync("/console.css"))
            Assert.Equal(System.Net.HttpStatusCode.OK, css.StatusCode); // wwwroot is found from another folder too
        await Task.Delay(500);

        var during = app.Lines.Skip(before).ToList();
        Assert.True(during.Count < 10, $"{during.Count} lines for {Requests} requests:\n{string.Join('\n', during.Take(40))}");
        Assert.DoesNotContain(app.Lines, l => l.Contains("Microsoft.AspNetCore.Hosting.Diagnostics") || l.Contains("Executed DbCommand"));
    }

    [Fact]
    public async Task Dotnet_run_reads_the_env_file_and_relative_paths_of_the_folder_it_is_typed_in()
    {
        var folder = TempFolder();
        await File.WriteAllTextAsync(Path.Combine(folder, "shop.csv"),
            "Handle,Title,Body (HTML),Vendor,Type,Tags,Published,Option1 Name,Option1 Value,Variant SKU,Variant Price,Variant Inventory Qty,Status\n" +
            "test-mug,Test Mug,,Acme,Mug,,true,Title,Default Title,MUG-1,12.00,5,active\n");
        await File.WriteAllTextAsync(Path.Combine(folder, ".env"), "DATA_DIR=./state\nSANDBOX_CATALOG_CSV=shop.csv\n");
        var port = LoopbackPort.Free();
        var baseUrl = $"http://127.0.0.1:{port}";
        await using var app = ServiceProcess.Dotnet(["run", "--project", Path.Combine(RepoPaths.Root, "src", "SalesBot"), "--no-build", "-c", BuildConfiguration],
            new Dictionary<string, string?> { ["APP_BASE_URL"] = baseUrl, ["ASPNETCORE_URLS"] = baseUrl }, folder);

        await app.WaitForLineAsync("Application started", StartTimeout);
        Assert.Contains(app.Lines, l => l.Contains($"Sandbox store catalog: {Path.Combine(folder, "shop.csv")}"));
        Assert.True(Directory.Exists(Path.Combine(folder, "state")), $"DATA_DIR=./state is not under {folder}:\n{app.Output}");
        Assert.False(Directory.Exists(Path.Combine(RepoPaths.Root, "src", "SalesBot", "state")));
    }

#if DEBUG
    private const string BuildConfiguration = "Debug";
#else
    private const string BuildConfiguration = "Release";
#endif
}
