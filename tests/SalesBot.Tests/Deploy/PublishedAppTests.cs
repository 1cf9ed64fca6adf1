using System.Net;
using Amazon.S3.Model;
using SalesBot.Assistant.Semantic;
using SalesBot.Snapshots;
using SalesBot.Tests.Keys;
using SalesBot.Tests.Snapshots;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Deploy;

/// <summary>
/// The published output started as the App Platform spec starts it: every variable of .do/app.yaml, with the platform's
/// values replaced by local ones (the tests' PostgreSQL for the managed database, s3rver for Spaces, a fresh certificate
/// and made-up app credentials for the secrets). It must answer its health checks, its own container probe, keep its key
/// ring encrypted in the bucket and set Secure cookies behind the proxy. No request leaves this machine.
/// </summary>
public sealed class PublishedAppTests(PublishedApp published, PostgresFixture postgres, S3rverFixture s3rver)
    : IClassFixture<PublishedApp>, IClassFixture<PostgresFixture>, IClassFixture<S3rverFixture>
{
    [Fact]
    public void The_publish_carries_the_sentence_model_and_only_this_platforms_onnx_runtime()
    {
        var model = Path.Combine(published.Folder, "models", SentenceModelFiles.AssemblyFile);
        var files = SentenceModelFiles.Read(model);
        Assert.True(files.ModelLength > 80_000_000);

        Assert.True(File.Exists(Path.Combine(published.Folder, "libonnxruntime.so")), "libonnxruntime.so beside the app");
        var runtimes = Path.Combine(published.Folder, "runtimes");
        var platforms = Directory.Exists(runtimes) ? Directory.GetDirectories(runtimes).Select(Path.GetFileName).ToList() : [];
        Assert.DoesNotContain(platforms, p => p!.StartsWith("win", StringComparison.Ordinal) || p.StartsWith("osx", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_images_prepare_model_step_writes_the_int8_model_into_the_publish()
    {
        var (exit, output) = await RunAsync(new Dictionary<string, string?>(), PrepareModelCommand.Command);

        Assert.True(exit == 0, output);
        var copy = Assert.Single(Directory.GetFiles(Path.Combine(published.Folder, "models"), "*.int8.onnx"));
        Assert.Contains(ModelQuantizer.Version, Path.GetFileName(copy));
        Assert.Contains(copy, output);
        // What the app will load at start: the copy for the model the publish carries.
        Assert.Equal(copy, QuantizedModelFile.Ensure(SentenceModelFiles.Read(Path.Combine(published.Folder, "models", SentenceModelFiles.AssemblyFile))));
    }

    [PostgresFact]
    public async Task The_published_app_started_with_the_spec_environment_answers_its_health_checks()
    {
        var spec = AppSpec.Load();
        var service = Assert.Single(spec.Services);
        var port = LoopbackPort.Free();
        var bucket = "deploy-" + Guid.NewGuid().ToString("N")[..12];
        using (var s3 = SpacesClient.Create(s3rver.Options(bucket: bucket)))
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        var environment = await LocalEnvironmentAsync(service, spec.Databases.Single().Name, port, bucket);

        await using var app = ServiceProcess.Start(environment, dll: published.Dll);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        await app.WaitForHealthAsync(http.BaseAddress, TimeSpan.FromSeconds(60));

        // The platform's check: readiness (/readyz: the database and the snapshot store answer).
        using (var readiness = await http.GetAsync(service.HealthCheck!.HttpPath))
            Assert.True(readiness.StatusCode == HttpStatusCode.OK, $"{service.HealthCheck.HttpPath}: {(int)readiness.StatusCode}\n{app.Output}");

        // The image's HEALTHCHECK: the app probing itself, with the port the image's ASPNETCORE_HTTP_PORTS gives.
        var probeEnvironment = new Dictionary<string, string?> { ["ASPNETCORE_HTTP_PORTS"] = port.ToString() };
        var probe = await RunAsync(probeEnvironment, "probe");
        Assert.True(probe.Exit == 0, probe.Output);
        var missing = await RunAsync(probeEnvironment, "probe", "/no-such-path");
        Assert.Equal(1, missing.Exit);

        // Behind the platform's proxy the state cookie is Secure (FORWARDED_HEADERS=1 from the spec).
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/console/login?shop=acme.myshopify.com"))
        {
            request.Headers.Add("X-Forwarded-Proto", "https");
            using var login = await new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = http.BaseAddress }.SendAsync(request);
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            Assert.Contains(login.Headers.GetValues("Set-Cookie"), c => c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
        }

        // The key ring is in the bucket, encrypted with the certificate; none is on the instance's disk.
        using (var s3 = SpacesClient.Create(s3rver.Options(bucket: bucket)))
        {
            var keys = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = "keys/" });
            var key = Assert.Single(keys.S3Objects ?? []);
            using var body = await s3.GetObjectAsync(bucket, key.Key);
            var xml = await new StreamReader(body.ResponseStream).ReadToEndAsync();
            Assert.Contains("encryptedSecret", xml);
            Assert.DoesNotContain("<masterKey", xml);
        }
        Assert.False(Directory.Exists(Path.Combine(environment["DATA_DIR"]!, "keys")));
        Assert.DoesNotContain("UNPROTECTED KEYS", app.Output);
    }

    /// <summary>The spec's variables with local stand-ins for what the platform provides; an unknown one fails the test.</summary>
    private async Task<Dictionary<string, string?>> LocalEnvironmentAsync(AppService service, string database, int port, string bucket)
    {
        var certificate = TestCertificate.Create();
        var local = new Dictionary<string, string?>
        {
            ["${APP_URL}"] = $"http://127.0.0.1:{port}",
            [$"${{{database}.DATABASE_URL}}"] = await postgres.CreateDatabaseAsync(),
            ["/data"] = Directory.CreateTempSubdirectory("salesbot-deploy-").FullName,
        };
        var secrets = new Dictionary<string, string?>
        {
            ["SPACES_ACCESS_KEY"] = S3rverFixture.AccessKey,
            ["SPACES_SECRET_KEY"] = S3rverFixture.SecretKey,
            ["SHOPIFY_API_KEY"] = "deploy-test-key",
            ["SHOPIFY_API_SECRET"] = "deploy-test-secret",
            ["FACEBOOK_APP_ID"] = "1234567890",
            ["FACEBOOK_APP_SECRET"] = "deploy-test-app-secret",
            ["FACEBOOK_VERIFY_TOKEN"] = "deploy-test-verify-token",
            ["DATA_PROTECTION_CERTIFICATE"] = certificate.Base64Pfx,
            ["DATA_PROTECTION_CERTIFICATE_PASSWORD"] = certificate.Password,
        };
        var environment = new Dictionary<string, string?>();
        foreach (var env in service.Envs)
        {
            var value = env.IsSecret
                ? secrets.TryGetValue(env.Key, out var secret) ? secret : throw new InvalidOperationException($"The spec's secret {env.Key} has no local stand-in in this test")
                : env.Value is { } v && local.TryGetValue(v, out var replaced) ? replaced : env.Value;
            Assert.False(value?.Contains("${", StringComparison.Ordinal) == true, $"{env.Key}={value}: a platform value without a local stand-in");
            environment[env.Key] = value;
        }
        // Spaces' endpoint follows from SPACES_REGION on the platform; here it is s3rver, which signs as us-east-1.
        environment["SPACES_BUCKET"] = bucket;
        environment["SPACES_ENDPOINT"] = s3rver.Endpoint;
        environment["SPACES_REGION"] = "us-east-1";
        // What the image's ENV sets (Dockerfile), on a free port instead of 8080.
        environment["ASPNETCORE_HTTP_PORTS"] = port.ToString();
        return environment;
    }

    /// <summary>A command of the published dll (the image's probe) to its end.</summary>
    private async Task<(int Exit, string Output)> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        await using var command = ServiceProcess.Start(environment, args, published.Dll);
        var exit = await command.WaitForExitAsync(TimeSpan.FromSeconds(30));
        return (exit, command.Output);
    }
}
