using Amazon.Runtime;
using Amazon.S3;
using SalesBot.Configuration;

namespace SalesBot.Snapshots;

/// <summary>Builds the S3 client for Spaces (or any S3-compatible store) with the settings DESIGN.md checked.</summary>
public static class SpacesClient
{
    /// <param name="httpClientFactory">Lets tests and the benchmark count requests; null uses the SDK's own.</param>
    public static IAmazonS3 Create(SpacesOptions options, HttpClientFactory? httpClientFactory = null)
    {
        var config = new AmazonS3Config
        {
            ServiceURL = options.EffectiveEndpoint,
            // Spaces accepts path-style too, and local servers (s3rver) need it.
            ForcePathStyle = true,
            AuthenticationRegion = options.Region,
            // Non-AWS stores choke on the v4 SDK's default checksum trailers.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            // A publish runs inside the install callback: an unreachable endpoint must fail in seconds, not minutes.
            Timeout = TimeSpan.FromSeconds(30),
            MaxErrorRetry = 2,
        };
        if (httpClientFactory is not null) config.HttpClientFactory = httpClientFactory;
        return new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }
}
