using SalesBot.Tests.Support;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace SalesBot.Tests.Deploy;

/// <summary>The parts of a DigitalOcean App Platform spec (.do/app.yaml) the tests check; field names as in the spec reference.</summary>
public sealed class AppSpec
{
    public static string PathInRepo => Path.Combine(RepoPaths.Root, ".do", "app.yaml");

    public string Name { get; set; } = "";
    public string? Region { get; set; }
    public List<AppService> Services { get; set; } = [];
    public List<AppDatabase> Databases { get; set; } = [];

    public static AppSpec Load() => new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build()
        .Deserialize<AppSpec>(File.ReadAllText(PathInRepo));
}

public sealed class AppService
{
    public string Name { get; set; } = "";
    public Dictionary<string, object>? Github { get; set; }
    public string? SourceDir { get; set; }
    public string? DockerfilePath { get; set; }
    public int HttpPort { get; set; }
    public int InstanceCount { get; set; }
    public string? InstanceSizeSlug { get; set; }
    public AppHealthCheck? HealthCheck { get; set; }
    public List<AppEnv> Envs { get; set; } = [];
}

public sealed class AppHealthCheck
{
    public string? HttpPath { get; set; }
    public int InitialDelaySeconds { get; set; }
    public int PeriodSeconds { get; set; }
    public int TimeoutSeconds { get; set; }
    public int SuccessThreshold { get; set; }
    public int FailureThreshold { get; set; }
}

public sealed class AppEnv
{
    public string Key { get; set; } = "";
    public string? Value { get; set; }
    public string? Scope { get; set; }
    public string? Type { get; set; }

    public bool IsSecret => string.Equals(Type, "SECRET", StringComparison.Ordinal);
}

public sealed class AppDatabase
{
    public string Name { get; set; } = "";
    public string? Engine { get; set; }
    public string? Version { get; set; }
    public bool Production { get; set; }
    public string? ClusterName { get; set; }
    public string? DbName { get; set; }
    public string? DbUser { get; set; }
}
