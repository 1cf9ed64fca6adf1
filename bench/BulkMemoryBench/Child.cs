using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SalesBot.Catalog;
using SalesBot.Configuration;
using SalesBot.Shopify.Sync.Fetch;
namespace SalesBot.Bench;

/// <summary>
/// One measured read in a process of its own, so its peak working set is the reader's alone: "streamed" is the app's path
/// (BulkCatalogReader.ReadProductsFileAsync), "buffered" the former one (the whole body in a MemoryStream, then assembled).
/// </summary>
internal static class Child
{
    public static async Task<JsonObject> SpawnAsync(string mode, string apiOrigin, string shop, string url)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // Under `dotnet BulkMemoryBench.dll` the process path is the dotnet host: name the assembly too.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        foreach (var a in new[] { "--child", mode, apiOrigin, shop, url }) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("the child did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the {mode} read of {shop} took over 5 minutes");
        }
        if (process.ExitCode != 0) throw new InvalidOperationException($"the {mode} read of {shop} failed ({process.ExitCode}): {await stderr}");
        return JsonNode.Parse((await stdout).Trim().Split('\n')[^1])!.AsObject();
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var (mode, apiOrigin, shop, url) = (args[0], args[1], args[2], args[3]);
        var startWorkingSet = Environment.WorkingSet;
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var watch = Stopwatch.StartNew();
        List<Product> products;
        if (mode == "streamed")
        {
            var download = new BulkResultDownloader(new NoRedirectClients(), Options.Create(new ShopifyOptions { ApiOrigin = apiOrigin }));
            products = await new BulkCatalogReader(download, TimeProvider.System, NullLogger<BulkCatalogReader>.Instance).ReadProductsFileAsync(shop, url, default);
        }
        else
            products = await ReadWholeFirstAsync(url);
        var seconds = watch.Elapsed.TotalSeconds;
        var catalog = GC.GetTotalMemory(forceFullCollection: true) - before;
        var result = new JsonObject
        {
            ["mode"] = mode,
            ["seconds"] = Math.Round(seconds, 2),
            ["startWorkingSetBytes"] = startWorkingSet,
            ["peakWorkingSetBytes"] = PeakWorkingSet(),
            ["catalogManagedBytes"] = catalog,
            ["assembledProducts"] = products.Count,
            ["assembledVariants"] = products.Sum(p => p.Variants.Nodes.Count),
            ["assembledLevels"] = products.Sum(p => p.Variants.Nodes.Sum(v => v.InventoryItem?.InventoryLevels.Nodes.Count ?? 0)),
        };
        GC.KeepAlive(products);
        Console.WriteLine(result.ToJsonString());
        return 0;
    }

    /// <summary>The former reader: the whole body in memory, then assembled (the buffer is garbage once this returns).</summary>
    private static async Task<List<Product>> ReadWholeFirstAsync(string url)
    {
        using var http = new HttpClient();
        using var whole = new MemoryStream();
        await using (var body = await http.GetStreamAsync(url)) await body.CopyToAsync(whole);
        whole.Position = 0;
        return await BulkCatalogReader.AssembleProductsAsync(whole, default);
    }

    /// <summary>VmHWM: the most resident memory the process ever had (Linux); elsewhere the runtime's own peak.</summary>
    private static long PeakWorkingSet()
    {
        if (File.Exists("/proc/self/status"))
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        return Process.GetCurrentProcess().PeakWorkingSet64;
    }

    private sealed class NoRedirectClients : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromMinutes(10) };
    }
}
