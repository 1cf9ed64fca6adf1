using System.Text.RegularExpressions;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Deploy;

/// <summary>
/// What can be checked of the deploy files without Docker or DigitalOcean (neither is on the test machines): the spec
/// parses and says what the README promises, every variable in it is one the app reads and documents, no secret is
/// committed, and the Dockerfile copies paths that exist, pins its images, runs non-root and checks its health.
/// </summary>
public sealed partial class DeployFilesTests
{
    private static readonly string Dockerfile = File.ReadAllText(Path.Combine(RepoPaths.Root, "Dockerfile"));

    [Fact]
    public void The_spec_runs_two_instances_on_managed_postgres_with_spaces_and_a_readiness_check()
    {
        var spec = AppSpec.Load();
        Assert.Matches("^[a-z][a-z0-9-]{0,30}[a-z0-9]$", spec.Name);
        var service = Assert.Single(spec.Services);
        Assert.Equal(2, service.InstanceCount);
        Assert.Equal("Dockerfile", service.DockerfilePath);
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, service.DockerfilePath!)));
        Assert.Equal(DockerfilePort(), service.HttpPort);
        Assert.Equal("/readyz", service.HealthCheck?.HttpPath);
        Assert.InRange(service.HealthCheck!.FailureThreshold, 1, 50);

        var database = Assert.Single(spec.Databases);
        Assert.Equal("PG", database.Engine);
        Assert.True(database.Production, "a managed cluster (production: true), not a dev database");
        Assert.False(string.IsNullOrEmpty(database.ClusterName));

        var envs = service.Envs.ToDictionary(e => e.Key);
        Assert.Equal($"${{{database.Name}.DATABASE_URL}}", envs["DATABASE_URL"].Value);
        Assert.Equal("${APP_URL}", envs["APP_BASE_URL"].Value);
        Assert.Equal("1", envs["FORWARDED_HEADERS"].Value);
        foreach (var key in new[] { "SPACES_BUCKET", "SPACES_ACCESS_KEY", "SPACES_SECRET_KEY", "DATA_PROTECTION_CERTIFICATE", "DATA_PROTECTION_CERTIFICATE_PASSWORD" })
            Assert.True(envs.ContainsKey(key), $"{key} is missing from the spec");
        Assert.All(service.Envs, e => Assert.Contains(e.Scope, new[] { "RUN_TIME", "RUN_AND_BUILD_TIME" }));
    }

    [Fact]
    public void Every_variable_in_the_spec_is_read_by_the_app_documented_and_no_secret_is_committed()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var source = string.Concat(Directory.GetFiles(Path.Combine(RepoPaths.Root, "src", "SalesBot"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")).Select(File.ReadAllText));
        foreach (var env in AppSpec.Load().Services.SelectMany(s => s.Envs))
        {
            Assert.True(source.Contains($"\"{env.Key}\"", StringComparison.Ordinal), $"{env.Key} is in the spec but the app never reads it");
            Assert.True(readme.Contains($"`{env.Key}`", StringComparison.Ordinal), $"{env.Key} is in the spec but not in the README");
            if (SecretName().IsMatch(env.Key)) Assert.True(env.IsSecret, $"{env.Key} holds a secret: give it type: SECRET");
            if (env.IsSecret) Assert.True(env.Value is null, $"{env.Key} is a SECRET with a value committed in the spec");
        }
    }

    [Fact]
    public void The_Dockerfile_copies_paths_that_exist_pins_its_images_runs_non_root_and_checks_its_health()
    {
        var lines = Instructions().ToList();
        var froms = lines.Where(l => l.Name == "FROM").Select(l => l.Arguments.Split(' ')[0]).ToList();
        Assert.Equal(2, froms.Count);
        Assert.All(froms, image => Assert.Matches(@"^mcr\.microsoft\.com/dotnet/(sdk|aspnet):\d+\.\d+\.\d+[-a-z]*$", image));
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", froms[^1]);

        var ignored = File.ReadAllLines(Path.Combine(RepoPaths.Root, ".dockerignore"))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.TrimEnd('/')).ToHashSet();
        foreach (var copy in lines.Where(l => l.Name == "COPY" && !l.Arguments.StartsWith("--from", StringComparison.Ordinal)))
        {
            var paths = copy.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            foreach (var source in paths[..^1])
            {
                var full = Path.Combine(RepoPaths.Root, source.TrimEnd('/'));
                Assert.True(File.Exists(full) || Directory.Exists(full), $"COPY {source}: no such path in the repository");
                Assert.DoesNotContain(source.Split('/')[0].TrimEnd('/'), ignored);
            }
        }
        Assert.Contains(".env", ignored);
        Assert.Contains("**/bin", ignored);

        // The int8 sentence model is made in the build stage, after the publish, so the read-only container never quantizes.
        var runs = lines.Where(l => l.Name == "RUN").Select(l => l.Arguments).ToList();
        var publish = runs.FindIndex(r => r.StartsWith("dotnet publish", StringComparison.Ordinal));
        var prepare = runs.FindIndex(r => r == $"dotnet /app/SalesBot.dll {SalesBot.Assistant.Semantic.PrepareModelCommand.Command}");
        Assert.True(publish >= 0 && prepare > publish, "the build stage runs prepare-model after dotnet publish");

        // The final stage's user is not root, and everything after its FROM runs as that user.
        var runtime = lines.SkipWhile(l => !(l.Name == "FROM" && l.Arguments.StartsWith(froms[^1], StringComparison.Ordinal))).ToList();
        var user = Assert.Single(runtime, l => l.Name == "USER").Arguments;
        Assert.DoesNotMatch("^(root|0)(:|$)", user);
        Assert.Contains(runtime, l => l.Name == "ENV" && l.Arguments.Contains("DATA_DIR=/data", StringComparison.Ordinal));

        var health = Assert.Single(runtime, l => l.Name == "HEALTHCHECK").Arguments;
        Assert.Contains("\"/app/SalesBot.dll\", \"probe\"", health);
        var entry = Assert.Single(runtime, l => l.Name == "ENTRYPOINT").Arguments;
        Assert.Equal("[\"dotnet\", \"/app/SalesBot.dll\"]", entry);
        Assert.Equal("SalesBot", typeof(Program).Assembly.GetName().Name);
    }

    /// <summary>The port the image listens on (ASPNETCORE_HTTP_PORTS in the runtime stage).</summary>
    internal static int DockerfilePort() => int.Parse(HttpPorts().Match(Dockerfile).Groups[1].Value);

    private static IEnumerable<(string Name, string Arguments)> Instructions()
    {
        // Joins continued lines, drops comments: enough of the Dockerfile syntax for the instructions used here.
        var text = Regex.Replace(Dockerfile, @"\\\r?\n\s*", " ");
        foreach (var line in text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var space = line.IndexOf(' ');
            yield return (line[..space].ToUpperInvariant(), line[(space + 1)..].Trim());
        }
    }

    [GeneratedRegex("(SECRET|PASSWORD|_TOKEN|CERTIFICATE|ACCESS_KEY|API_KEY)")]
    private static partial Regex SecretName();

    [GeneratedRegex(@"ASPNETCORE_HTTP_PORTS=(\d+)")]
    private static partial Regex HttpPorts();
}
