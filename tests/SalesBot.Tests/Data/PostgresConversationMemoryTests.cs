using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using SalesBot.Assistant;
using SalesBot.Assistant.Memory;
using SalesBot.Data;
using SalesBot.Tests.Assistant;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Data;

/// <summary>Two instances over one PostgreSQL database take turns in one conversation: each sees what the other remembered.</summary>
public sealed class PostgresConversationMemoryTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [PostgresFact]
    public async Task Turns_answered_by_two_instances_share_the_products_shown_and_the_cart()
    {
        var url = await postgres.CreateDatabaseAsync();
        PooledDbContextFactory<SalesBotDbContext> Factory() => new(new DbContextOptionsBuilder<SalesBotDbContext>().UseNpgsql(PostgresConnectionString.FromUrl(url)).Options);
        await using (var db = await Factory().CreateDbContextAsync()) await db.Database.EnsureCreatedAsync();
        var a = new CatalogOnlyAssistant(new ConversationMemoryStore(Factory(), TimeProvider.System));
        var b = new CatalogOnlyAssistant(new ConversationMemoryStore(Factory(), TimeProvider.System));
        var catalog = SaleCatalog.Create();
        var jacket = SaleCatalog.Product(catalog, SaleCatalog.JacketTitle);
        var hat = SaleCatalog.Product(catalog, SaleCatalog.HatTitle);
        var variant = SaleCatalog.Variant(jacket, ("Size", "S"), ("Color", "Red"));
        Task<AssistantReply> Say(CatalogOnlyAssistant instance, string text) =>
            instance.ReplyAsync(new AssistantRequest(catalog, text, null, [], true, ConversationKey: "page-1:shopper-1"), default);

        var shown = await Say(a, "jackets or hats");
        var ordinal = shown.Cards.ToList().FindIndex(c => c.ProductId == jacket.Product.Id) + 1;
        Assert.True(ordinal > 0);
        await Say(b, $"add number {ordinal} in size S, red");
        await Say(a, "wool hat");
        await Say(b, "add 2");
        var checkout = await Say(a, "checkout");

        Assert.Equal($"https://{catalog.StoreHost}/cart/{ProductCardFactory.NumericId(variant.Id)}:1,{ProductCardFactory.NumericId(hat.Product.Variants.Nodes[0].Id)}:2",
            checkout.CheckoutUrl);
    }
}
