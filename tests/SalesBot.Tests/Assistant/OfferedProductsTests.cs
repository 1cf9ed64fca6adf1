using Microsoft.Extensions.Logging.Abstractions;
using SalesBot.Assistant;
using SalesBot.Configuration;
using SalesBot.Facebook;
using SalesBot.Sandbox.Facebook;
using SalesBot.Tests.Snapshots;
using SalesBot.Tests.Webhooks;

namespace SalesBot.Tests.Assistant;

/// <summary>
/// The snapshot keeps every product Shopify has, but a shopper is offered only what they can buy: a draft and an
/// active product unpublished from the online store are in the snapshot and in no reply of either assistant, no card.
/// </summary>
public sealed class OfferedProductsTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    [Fact]
    public async Task A_draft_and_an_unpublished_product_are_in_the_snapshot_and_never_offered()
    {
        await using var live = await LiveShop.StartAsync(s3, new Dictionary<string, string?> { ["SHOPIFY_SYNC_DEBOUNCE"] = "00:00:00.050" });
        await live.InstallAsync();
        var all = live.Store.Products.Values.ToList();
        var (draft, unpublished, offered) = (all[0], all[1], all[2]);
        await live.AdminAsync(HttpMethod.Patch, $"products/{draft.Id}", new { status = "draft" });
        await live.AdminAsync(HttpMethod.Patch, $"products/{unpublished.Id}", new { published = false });

        var snapshot = await live.WaitForSnapshotAsync(d =>
            d.Products.Nodes.Single(p => p.Id == draft.Gid).Status == "DRAFT"
            && d.Products.Nodes.Single(p => p.Id == unpublished.Gid).OnlineStoreUrl is null, "the draft and the unpublished product");
        Assert.Equal("ACTIVE", snapshot.Products.Nodes.Single(p => p.Id == unpublished.Gid).Status);
        Assert.NotNull(snapshot.Products.Nodes.Single(p => p.Id == offered.Gid).OnlineStoreUrl);
        string[] hidden = [draft.Title, unpublished.Title];

        var catalog = (await live.App.Get<CatalogProvider>().GetAsync(live.Shop, default))!;
        Assert.Equal(all.Count - 2, catalog.Products.Count);
        Assert.DoesNotContain(catalog.Products, p => p.Product.Id == draft.Gid || p.Product.Id == unpublished.Gid);

        // Catalog-only: asked for each hidden product by name.
        foreach (var title in hidden)
        {
            var reply = CatalogOnlyAssistant.Reply(new AssistantRequest(catalog, $"do you have the {title}?", null, [], true));
            AssertNeverOffered(reply, hidden);
        }

        // LLM: the model asks for the hidden products and names them anyway; tools and the fact check keep them out.
        await using (var model = await ScriptedOpenAiServer.StartAsync())
        {
            var chat = AssistantExtensions.CreateChatClient(new OpenAiOptions { ApiKey = "test-key", BaseUrl = model.BaseUrl + "/v1", Model = "scripted" });
            var assistant = new LlmShopAssistant(chat, NullLogger<LlmShopAssistant>.Instance);
            model.ThenToolCall("search_products", new { query = unpublished.Title })
                 .ThenToolCall("get_product_details", new { handle = draft.Handle })
                 .ThenText($"You will love the [[{draft.Handle}]]. The **{unpublished.Title}** is a favourite. The [[{offered.Handle}]] is lovely too.");

            var reply = await assistant.ReplyAsync(new AssistantRequest(catalog, $"{draft.Title} or {unpublished.Title}?", null, [], true), default);

            AssertNeverOffered(reply, hidden);
            Assert.Contains(offered.Title, reply.Text);
            var toolResults = model.Requests.Last()["messages"]!.AsArray().Where(m => m!["role"]!.GetValue<string>() == "tool").Select(m => m!["content"]!.ToString()).ToList();
            Assert.Equal(2, toolResults.Count);
            Assert.All(toolResults, r => Assert.All(hidden, title => Assert.DoesNotContain(title, r)));
        }

        // And through Messenger, where the cards are built.
        var page = "page-" + Guid.NewGuid().ToString("N")[..8];
        Assert.True(await live.App.Get<PageStore>().TrySaveAsync(page, "Shop page", live.Shop, LiveShop.SandboxPageToken, default));
        var psid = "psid-" + Guid.NewGuid().ToString("N")[..8];
        foreach (var title in hidden) await live.PostMessengerAsync(page, psid, title);
        await live.WaitForConversationsAsync();
        var sent = live.App.Get<FacebookSandboxState>().Sent(psid).Where(s => s.Message is not null).Select(s => s.Message!.Value.GetRawText()).ToList();
        Assert.NotEmpty(sent);
        Assert.All(sent, message => Assert.All(hidden, title => Assert.DoesNotContain(title, message)));
    }

    private static void AssertNeverOffered(AssistantReply reply, string[] hidden)
    {
        Assert.All(hidden, title => Assert.DoesNotContain(title, reply.Text));
        Assert.All(reply.Cards, card => Assert.DoesNotContain(card.Title, hidden));
    }
}
