using Microsoft.Extensions.Configuration;

namespace SalesBot.Configuration;

/// <summary>DigitalOcean Spaces (any S3-compatible store). No bucket means the local folder store.</summary>
public sealed class SpacesOptions
{
    [ConfigurationKeyName("SPACES_ACCESS_KEY")]
    public string? AccessKey { get; set; }

    [ConfigurationKeyName("SPACES_SECRET_KEY")]
    public string? SecretKey { get; set; }

    [ConfigurationKeyName("SPACES_BUCKET")]
    public string? Bucket { get; set; }

    [ConfigurationKeyName("SPACES_REGION")]
    public string Region { get; set; } = "nyc3";

    /// <summary>S3 endpoint; defaults to <c>https://{SPACES_REGION}.digitaloceanspaces.com</c>.</summary>
    [ConfigurationKeyName("SPACES_ENDPOINT")]
    public string? Endpoint { get; set; }

    public bool UsesObjectStorage => !string.IsNullOrEmpty(Bucket);

    public string EffectiveEndpoint => string.IsNullOrEmpty(Endpoint) ? $"https://{Region}.digitaloceanspaces.com" : Endpoint;
}
