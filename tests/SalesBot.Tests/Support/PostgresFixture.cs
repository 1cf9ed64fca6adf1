using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace SalesBot.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL server from Debian's packages (./test.sh installs them): initdb into a temp
/// folder, postgres on a free loopback port, stopped and deleted at the end. Each test asks for a
/// database of its own with <see cref="CreateDatabaseAsync"/>, so tests never see each other's rows.
/// Postgres refuses to run as root, so under root every server command runs as the <c>postgres</c> user.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private const string Superuser = "postgres";
    private const string SuperuserPassword = "fixture-superuser";

    /// <summary>The role the app connects as: not a superuser, as on a managed database. The password needs URL escaping on purpose.</summary>
    public const string AppUser = "salesbot";
    public const string AppPassword = "p@ss:w/rd";

    private static readonly string? BinDir = FindBinDir();
    private static readonly bool AsPostgresUser = Environment.UserName == "root";

    private string? _root;
    private int _databases;

    public int Port { get; } = LoopbackPort.Free();

    /// <summary>
    /// Why the PostgreSQL tests cannot run here, or null when they can. On CI (the CI variable set) a
    /// missing server is a failure, not a skip: ./test.sh must have installed it.
    /// </summary>
    public static string? SkipReason =>
        BinDir is not null || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
            ? null
            : "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): run ./test.sh, which installs Debian's postgresql package.";

    public async Task InitializeAsync()
    {
        var bin = BinDir ?? throw new InvalidOperationException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); ./test.sh installs it with apt-get install -y postgresql.");
        DeleteLeftovers();
        // Under root the folder must belong to postgres; mktemp run as that user creates it so.
        _root = AsPostgresUser
            ? (await RunAsync("mktemp", ["-d", Path.Combine(Path.GetTempPath(), "salesbot-pg-XXXXXX")])).Trim()
            : Directory.CreateTempSubdirectory("salesbot-pg-").FullName;
        var passwordFile = Path.Combine(_root, "pwfile");
        await File.WriteAllTextAsync(passwordFile, SuperuserPassword);

        await RunAsync(Path.Combine(bin, "initdb"),
            ["-D", DataDir, "-U", Superuser, "--pwfile", passwordFile, "-A", "scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
        await StartServerAsync();

        await using var connection = new NpgsqlConnection(ConnectionString("postgres", Superuser, SuperuserPassword));
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE ROLE {AppUser} LOGIN PASSWORD '{AppPassword}'", connection);
        await create.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// A database restart as a managed database's maintenance or failover does it: the server goes down at once
    /// (every connection cut), stays down for <paramref name="down"/>, and comes back on the same port with its data.
    /// </summary>
    public async Task RestartAsync(TimeSpan down)
    {
        await RunAsync(Path.Combine(BinDir!, "pg_ctl"), ["-D", DataDir, "-m", "immediate", "-w", "-t", "60", "stop"]);
        await Task.Delay(down);
        await StartServerAsync();
    }

    private async Task StartServerAsync()
    {
        // Durability settings are off: the data is thrown away, and fsync would dominate the tests' time on a small VM.
        await RunAsync(Path.Combine(BinDir!, "pg_ctl"),
            ["-D", DataDir, "-l", Path.Combine(_root!, "server.log"), "-w", "-t", "60", "start", "-o",
             $"-p {Port} -h 127.0.0.1 -k {_root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"]);
    }

    public Task DisposeAsync()
    {
        Stop();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops the server and deletes its folder, synchronously so that it can also run at process exit.
    /// The immediate shutdown is signalled, then its end awaited by the pid file's removal, which is quicker
    /// than pg_ctl -w's polling. At process exit the test host may still end us mid-delete; see <see cref="DeleteLeftovers"/>.
    /// </summary>
    public void Stop()
    {
        if (_root is null) return;
        NpgsqlConnection.ClearAllPools();
        try
        {
            RunAsync(Path.Combine(BinDir!, "pg_ctl"), ["-D", DataDir, "-m", "immediate", "-W", "stop"]).GetAwaiter().GetResult();
            var pidFile = Path.Combine(DataDir, "postmaster.pid");
            for (var waited = 0; File.Exists(pidFile) && waited < 5000; waited += 10) Thread.Sleep(10);
        }
        finally
        {
            try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            _root = null;
        }
    }

    /// <summary>A new, empty database owned by the app's role; returns its DATABASE_URL.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"salesbot_{Interlocked.Increment(ref _databases)}";
        await using var connection = new NpgsqlConnection(ConnectionString("postgres", Superuser, SuperuserPassword));
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name} OWNER {AppUser}", connection);
        await create.ExecuteNonQueryAsync();
        return $"postgres://{AppUser}:{Uri.EscapeDataString(AppPassword)}@127.0.0.1:{Port}/{name}";
    }

    /// <summary>A direct connection string to a database as the app's role, for tests that look at or change the schema.</summary>
    public string ConnectionString(string database) => ConnectionString(database, AppUser, AppPassword);

    private string DataDir => Path.Combine(_root!, "data");

    private string ConnectionString(string database, string user, string password) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Port, Database = database, Username = user, Password = password,
    }.ConnectionString;

    private static async Task<string> RunAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(AsPostgresUser ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (AsPostgresUser)
            foreach (var a in (string[])["-u", "postgres", "--", file]) start.ArgumentList.Add(a);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        // pg_ctl -l sends the server's output to its log, so these pipes close when the command itself ends.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await stderr}{await stdout}");
        return await stdout;
    }

    /// <summary>
    /// The server kept for a whole run is stopped at process exit, where the test host may end the process
    /// before its folder is deleted; the next run deletes such folders: no server (no pid file), untouched for a while.
    /// </summary>
    private static void DeleteLeftovers()
    {
        foreach (var dir in Directory.GetDirectories(Path.GetTempPath(), "salesbot-pg-*"))
        {
            if (File.Exists(Path.Combine(dir, "data", "postmaster.pid")) || Directory.GetLastWriteTimeUtc(dir) > DateTime.UtcNow.AddMinutes(-10)) continue;
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static string? FindBinDir() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Where(d => File.Exists(Path.Combine(d, "bin", "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin"))
                .FirstOrDefault()
            : null;

}
