using SalesBot.Sandbox.Shopify;
using SalesBot.Sandbox.Shopify.Catalog;

namespace SalesBot.Tests.Sandbox;

/// <summary>One sandbox server on loopback with a generated catalog, shared by a test class.</summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    public ShopifySandboxServer Server { get; private set; } = null!;
    public HttpClient Http { get; } = new(new SocketsHttpHandler { AllowAutoRedirect = false });

    public static ShopifySandboxOptions Options(Action<ShopifySandboxOptions>? configure = null)
    {
        var options = new ShopifySandboxOptions
        {
            Catalog = CatalogSource.Generated(new CatalogGeneratorSpec { Products = 30, VariantsPerProduct = 3, LargeProducts = 1, Collections = 4, Discounts = 4, Locations = 2 }),
            WebhookRetryDelays = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50)],
            WebhookTimeout = TimeSpan.FromSeconds(2),
        };
        configure?.Invoke(options);
        return options;
    }

    public async Task InitializeAsync() => Server = await ShopifySandboxServer.StartAsync(Options());

    internal SandboxClient Client(string shop = SandboxClient.DefaultShop) => new(Server, shop, Http);

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
