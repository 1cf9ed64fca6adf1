using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace SalesBot.Configuration;

/// <summary>Where the app lives and where it keeps its state.</summary>
public sealed class AppOptions
{
    [ConfigurationKeyName("APP_BASE_URL"), Required, Url]
    public string BaseUrl { get; set; } = "http://localhost:5000";

    [ConfigurationKeyName("DATA_DIR"), Required]
    public string DataDir { get; set; } = "./data";

    /// <summary><c>postgres://user:pass@host:port/db</c>; unset means SQLite in <see cref="DataDir"/>.</summary>
    [ConfigurationKeyName("DATABASE_URL")]
    public string? DatabaseUrl { get; set; }

    public string BaseUrlTrimmed => BaseUrl.TrimEnd('/');
}
