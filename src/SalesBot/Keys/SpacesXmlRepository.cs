using System.Xml.Linq;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace SalesBot.Keys;

/// <summary>
/// The Data Protection key ring as private objects <c>keys/&lt;name&gt;.xml</c> in the Spaces bucket, so that every instance
/// reads the same keys while the key ring lives apart from the tokens' database. No maintained package does this for
/// the v4 AWS SDK; the framework's own repositories are this small too. <see cref="IXmlRepository"/> is synchronous by
/// contract: the framework reads it at start and when the key ring is refreshed (about once a day), never per request.
/// </summary>
public sealed class SpacesXmlRepository(IAmazonS3 s3, string bucket, string prefix = SpacesXmlRepository.DefaultPrefix) : IXmlRepository
{
    public const string DefaultPrefix = "keys/";

    public string Location => $"s3://{bucket}/{prefix}";

    public IReadOnlyCollection<XElement> GetAllElements() => Explained(() => GetAllElementsAsync(CancellationToken.None).GetAwaiter().GetResult(), "read");

    public void StoreElement(XElement element, string friendlyName) =>
        Explained(() => { StoreElementAsync(element, friendlyName, CancellationToken.None).GetAwaiter().GetResult(); return true; }, "written");

    /// <summary>
    /// Says which store failed: at start this stops the app (no token can be read without the ring); later the framework
    /// keeps the ring it has and tries again.
    /// </summary>
    private T Explained<T>(Func<T> action, string verb)
    {
        try { return action(); }
        catch (Exception e) when (e is AmazonServiceException or HttpRequestException or TaskCanceledException)
        {
            throw new InvalidOperationException(
                $"The Data Protection key ring at {Location} could not be {verb}: {e.Message} Check SPACES_ENDPOINT, SPACES_BUCKET and the Spaces access key.", e);
        }
    }

    public async Task<IReadOnlyCollection<XElement>> GetAllElementsAsync(CancellationToken cancellationToken)
    {
        var elements = new List<XElement>();
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix };
        ListObjectsV2Response page;
        do
        {
            page = await s3.ListObjectsV2Async(request, cancellationToken);
            foreach (var entry in page.S3Objects ?? [])
            {
                if (!entry.Key.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)) continue;
                using var response = await s3.GetObjectAsync(bucket, entry.Key, cancellationToken);
                await using var body = response.ResponseStream;
                elements.Add(await XElement.LoadAsync(body, LoadOptions.None, cancellationToken));
            }
            request.ContinuationToken = page.NextContinuationToken;
        } while (page.IsTruncated == true);
        return elements;
    }

    public async Task StoreElementAsync(XElement element, string friendlyName, CancellationToken cancellationToken)
    {
        // The framework names keys "key-<guid>"; anything else that is not a plain name gets a fresh one, as FileSystemXmlRepository does.
        var name = IsSafeName(friendlyName) ? friendlyName : Guid.NewGuid().ToString();
        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = prefix + name + ".xml",
            ContentBody = element.ToString(SaveOptions.DisableFormatting),
            ContentType = "application/xml",
            // The bucket may serve the catalog publicly; the key ring never is.
            CannedACL = S3CannedACL.Private,
            // As the snapshot store: s3rver stores aws-chunked framing as data; Spaces is fine either way.
            UseChunkEncoding = false,
        }, cancellationToken);
    }

    private static bool IsSafeName(string name) =>
        name.Length is > 0 and <= 100 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
