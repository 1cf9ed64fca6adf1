using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace SalesBot.Configuration;

/// <summary>Where the app lives and where it keeps its state.</summary>
public sealed class AppOptions
{
    [ConfigurationKeyName("APP_BASE_URL"), Required(ErrorMessage = "APP_BASE_URL must not be empty"),
     Url(ErrorMessage = "APP_BASE_URL must be an absolute http(s) URL such as https://bot.example.com")]
    public string BaseUrl { get; set; } = "http://localhost:5000";

    /// <summary>Made absolute at start, from the current directory (where the command was typed), whatever the content root.</summary>
    [ConfigurationKeyName("DATA_DIR"), Required(ErrorMessage = "DATA_DIR must not be empty")]
    public string DataDir { get; set; } = "./data";

    /// <summary><c>postgres://user:pass@host:port/db</c>; unset means SQLite in <see cref="DataDir"/>.</summary>
    [ConfigurationKeyName("DATABASE_URL")]
    public string? DatabaseUrl { get; set; }

    public string BaseUrlTrimmed => BaseUrl.TrimEnd('/');
}
