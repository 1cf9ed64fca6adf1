using System.Diagnostics;
using System.Text;

namespace SalesBot.Tests.Configuration;

/// <summary>
/// The real program as an operator starts it (a child process with its own environment and working folder), so what
/// a test checks is what a person sees: the exit code and every line printed.
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();

    private AppProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Add(e.Data);
        process.ErrorDataReceived += (_, e) => Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The built SalesBot.dll beside the tests (the test project references it).</summary>
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "SalesBot.dll");

    public static AppProcess Start(string workingDirectory, IDictionary<string, string?> environment, params string[] command)
    {
        var start = new ProcessStartInfo("dotnet", command) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        // Nothing from the test runner's own environment that the app reads may leak in.
        foreach (var key in start.Environment.Keys.Where(IsAppSetting).ToList()) start.Environment.Remove(key);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        return new AppProcess(Process.Start(start)!);
    }

    private static bool IsAppSetting(string key) =>
        key.StartsWith("SHOPIFY_", StringComparison.Ordinal) || key.StartsWith("FACEBOOK_", StringComparison.Ordinal)
        || key.StartsWith("SANDBOX_", StringComparison.Ordinal) || key.StartsWith("SALESBOT_", StringComparison.Ordinal)
        || key.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || key.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)
        || key is "APP_BASE_URL" or "DATA_DIR" or "DATABASE_URL" or "OPENAI_API_KEY";

    private void Add(string? line)
    {
        if (line is null) return;
        lock (_gate) _output.AppendLine(line);
    }

    /// <summary>Every non-empty line printed so far, stdout and stderr together.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate) return _output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
    }

    public string Output => string.Join('\n', Lines);

    public async Task<int> ExitCodeAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The app kept running:\n{Output}");
        }
        _process.WaitForExit(); // drains the redirected streams
        return _process.ExitCode;
    }

    /// <summary>Waits until a printed line contains <paramref name="text"/>; fails with everything printed if the app exits or time runs out.</summary>
    public async Task WaitForLineAsync(string text, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (!Lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            if (_process.HasExited) throw new InvalidOperationException($"The app exited ({_process.ExitCode}) before printing '{text}':\n{Output}");
            if (DateTime.UtcNow > until) throw new TimeoutException($"No line with '{text}' within {timeout}:\n{Output}");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
