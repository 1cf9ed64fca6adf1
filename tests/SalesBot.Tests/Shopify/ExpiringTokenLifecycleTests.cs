using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SalesBot.Data;
using SalesBot.Shopify.Admin;
using SalesBot.Shopify.Auth;
using SalesBot.Shopify.Sync;
using SalesBot.Shopify.Webhooks;
using SalesBot.Tests.Snapshots;
using SalesBot.Tests.Support;
using SalesBot.Tests.Webhooks;

namespace SalesBot.Tests.Shopify;

/// <summary>
/// Expiring offline tokens end to end, the sandbox standing in for Shopify: the install gets an expiring pair, the
/// app refreshes it before expiry or on a 401 and goes on, recovers a refresh whose answer it never saved, and a
/// refused refresh stops the shop (said once, with the login link) until the merchant installs again.
/// </summary>
public sealed class ExpiringTokenLifecycleTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    [Fact]
    public async Task An_access_token_that_expires_mid_sync_is_refreshed_and_the_sync_goes_on_with_no_secret_in_clear()
    {
        var logs = new LogCollector();
        await using var live = await LiveShop.StartAsync(s3, logs: logs);
        var report = await live.InstallAsync();
        var tokens = live.Store.Tokens;
        var installed = (await live.App.Get<ShopTokenStore>().GetAsync(live.Shop, default))!;
        Assert.True(installed.IsExpiring);
        Assert.InRange(installed.ExpiresAt!.Value - installed.IssuedAt!.Value, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));
        Assert.Equal(0, tokens.RefreshesGranted);

        // Two requests of the full re-read pass; the third meets an expired token.
        tokens.ExpireAccessTokensAfter(2);
        var outcome = await live.App.Get<FullSync>().ReconcileAsync(live.Shop, default);

        Assert.Equal("full", outcome.Mode);
        Assert.Equal(1, tokens.UnauthorizedRequests);
        Assert.Equal(1, tokens.RefreshesGranted);
        var refreshed = (await live.App.Get<ShopTokenStore>().GetAsync(live.Shop, default))!;
        Assert.NotEqual(installed.AccessToken, refreshed.AccessToken);
        Assert.NotEqual(installed.RefreshToken, refreshed.RefreshToken);
        var snapshot = await live.SnapshotAsync();
        Assert.Equal(live.Store.Products.Count, snapshot!.Products.Nodes.Count);

        var status = await StatusAsync(live);
        var authorization = status.GetProperty("authorization");
        Assert.Equal("active", authorization.GetProperty("state").GetString());
        Assert.Equal("expiring", authorization.GetProperty("token").GetString());
        Assert.Equal(1, authorization.GetProperty("refreshes").GetInt32());
        Assert.True(authorization.GetProperty("accessTokenExpiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(55));

        // Every token the store ever issued: absent from every table, the database files, the logs and the responses.
        var secrets = tokens.Issued;
        Assert.True(secrets.Count >= 4);
        var texts = new List<string>(await DatabaseText.ReadAllAsync(live.App.Get<IDbContextFactory<SalesBotDbContext>>()));
        texts.AddRange(logs.Messages);
        texts.AddRange(logs.Exceptions);
        texts.Add(report.ToJsonString());
        texts.Add(status.GetRawText());
        foreach (var file in Directory.GetFiles(live.App.DataDir, "salesbot.db*"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
            texts.Add(await reader.ReadToEndAsync());
        }
        // The scan reads the token tables: the encrypted refresh token is among what it read.
        var state = await live.App.Get<ShopTokenStore>().FindStateAsync(live.Shop, default);
        Assert.Contains(state!.ProtectedRefreshToken!, texts);
        foreach (var secret in secrets)
            Assert.DoesNotContain(texts, t => t.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refresh_whose_answer_was_never_saved_is_recovered_with_the_stored_refresh_token()
    {
        await using var live = await LiveShop.StartAsync(s3);
        await live.InstallAsync();
        var stored = (await live.App.Get<ShopTokenStore>().GetAsync(live.Shop, default))!;

        // Shopify performed a refresh whose answer the app lost (it crashed before saving the new pair).
        using (var http = new HttpClient())
        using (var lost = await http.PostAsJsonAsync(new Uri(live.Sandbox.ShopUri(live.Shop), "admin/oauth/access_token"), new
        {
            client_id = SalesBot.Configuration.ShopifyOptions.SandboxApiKey, client_secret = LiveShop.Secret, refresh_token = stored.RefreshToken, grant_type = "refresh_token",
        }))
            Assert.Equal(HttpStatusCode.OK, lost.StatusCode);
        live.Store.Tokens.ExpireAccessTokensAfter(0);

        var product = live.Store.Products.Values.First();
        await live.AdminAsync(HttpMethod.Patch, $"products/{product.Id}", new { title = "Recovered after a lost refresh" });

        await live.WaitForSnapshotAsync(d => d.Products.Nodes.Any(p => p.Title == "Recovered after a lost refresh"), "the edit after the lost refresh");
        Assert.Equal(2, live.Store.Tokens.RefreshesGranted);
        Assert.Equal(0, live.Store.Tokens.RefreshesRefused);
    }

    [Fact]
    public async Task After_a_restart_past_the_access_token_expiry_the_shop_still_syncs()
    {
        await using var live = await LiveShop.StartAsync(s3, sandboxOptions: o => o.AccessTokenLifetime = TimeSpan.FromSeconds(2));
        await live.InstallAsync();
        var stored = (await live.App.Get<ShopTokenStore>().GetAsync(live.Shop, default))!;
        Assert.Equal(TimeSpan.FromSeconds(2), stored.ExpiresAt - stored.IssuedAt);

        var wait = stored.ExpiresAt!.Value - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(300);
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
        await live.RestartAppAsync();
        var before = live.Store.Tokens.RefreshesGranted;

        var product = live.Store.Products.Values.First();
        await live.AdminAsync(HttpMethod.Patch, $"products/{product.Id}", new { title = "Edited after the restart" });

        await live.WaitForSnapshotAsync(d => d.Products.Nodes.Any(p => p.Title == "Edited after the restart"), "the edit after the restart");
        Assert.True(live.Store.Tokens.RefreshesGranted > before);
        Assert.Equal(0, live.Store.Tokens.RefreshesRefused);
    }

    [Fact]
    public async Task A_refused_refresh_stops_the_shop_once_with_the_login_link_and_a_new_install_clears_it()
    {
        var logs = new LogCollector();
        await using var live = await LiveShop.StartAsync(s3, logs: logs);
        await live.InstallAsync();
        var tokens = live.Store.Tokens;
        // Shopify revoked the grant (as after an uninstall whose webhook never came).
        tokens.RevokeRefreshTokens();
        tokens.ExpireAccessTokensAfter(0);
        var product = live.Store.Products.Values.First();

        await DeliverAsync(live, product);

        var authorization = (await StatusAsync(live)).GetProperty("authorization");
        Assert.Equal("needs_reauthorization", authorization.GetProperty("state").GetString());
        var loginUrl = $"{live.App.BaseUri.ToString().TrimEnd('/')}/shopify/{live.Shop}/login";
        Assert.Equal(loginUrl, authorization.GetProperty("loginUrl").GetString());
        Assert.Contains("invalid_grant", authorization.GetProperty("reason").GetString());
        Assert.Equal(1, tokens.RefreshesRefused);
        Assert.DoesNotContain(live.Shop, await live.App.Get<ShopTokenStore>().ListActiveShopsAsync(default));

        // More deliveries, a poll round and a direct re-read: not one more request reaches Shopify.
        var (tokenRequests, unauthorized, queries) = (tokens.TokenRequests, tokens.UnauthorizedRequests, live.QueryCount);
        await DeliverAsync(live, product);
        await DeliverAsync(live, product);
        await live.App.Get<PollingReconciler>().PollAllAsync(default);
        Assert.Equal("skipped", (await live.App.Get<FullSync>().ReconcileAsync(live.Shop, default)).Mode);
        Assert.Equal((tokenRequests, unauthorized, queries), (tokens.TokenRequests, tokens.UnauthorizedRequests, live.QueryCount));
        var said = Assert.Single(logs.Messages, m => m.Contains("must authorize the app again"));
        Assert.Contains(loginUrl, said);

        await live.InstallAsync();

        authorization = (await StatusAsync(live)).GetProperty("authorization");
        Assert.Equal("active", authorization.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, authorization.GetProperty("reauthorizationRequiredAt").ValueKind);
        Assert.Contains(live.Shop, await live.App.Get<ShopTokenStore>().ListActiveShopsAsync(default));
        await live.AdminAsync(HttpMethod.Patch, $"products/{product.Id}", new { title = "Synced again after the new install" });
        await live.WaitForSnapshotAsync(d => d.Products.Nodes.Any(p => p.Title == "Synced again after the new install"), "the edit after the new install");
    }

    [Fact]
    public async Task A_shop_holding_a_lifetime_token_is_reported_with_the_deadline_and_stops_when_Shopify_refuses_it()
    {
        var logs = new LogCollector();
        await using var live = await LiveShop.StartAsync(s3, logs: logs);
        // The merchant signs in to read the status; that sign-in is the one code exchange the store sees.
        await live.MerchantAsync();
        var signInExchanges = live.Store.Tokens.TokenRequests;
        // Installed before expiring tokens: a lifetime token and no token state at all.
        var lifetime = live.Store.Tokens.IssueLifetimeToken("read_products,read_inventory,read_discounts");
        await live.App.Get<ShopTokenStore>().SaveAsync(live.Shop, new AccessTokenResponse(lifetime, "read_products"), default);
        await using (var db = await live.App.Get<IDbContextFactory<SalesBotDbContext>>().CreateDbContextAsync())
            await db.ShopTokenStates.Where(s => s.Domain == live.Shop).ExecuteDeleteAsync();

        var authorization = (await StatusAsync(live)).GetProperty("authorization");
        Assert.Equal("lifetime_token", authorization.GetProperty("state").GetString());
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), authorization.GetProperty("deadline").GetDateTimeOffset());
        Assert.Contains("/login", authorization.GetProperty("loginUrl").GetString());
        // It keeps working until then.
        Assert.Equal("full", (await live.App.Get<FullSync>().ReconcileAsync(live.Shop, default)).Mode);
        Assert.Single(logs.Messages, m => m.Contains("lifetime access token") && m.Contains("2027-01-01"));

        live.Sandbox.Sandbox.Options.RefuseLifetimeTokens = true;
        var refused = await Assert.ThrowsAsync<ShopifyApiException>(() => live.App.Get<FullSync>().ReconcileAsync(live.Shop, default));
        Assert.True(refused.IsUnauthorized);

        authorization = (await StatusAsync(live)).GetProperty("authorization");
        Assert.Equal("needs_reauthorization", authorization.GetProperty("state").GetString());
        Assert.Equal("lifetime", authorization.GetProperty("token").GetString());
        Assert.Equal(signInExchanges, live.Store.Tokens.TokenRequests); // nothing to refresh it with
        Assert.DoesNotContain(live.Shop, await live.App.Get<ShopTokenStore>().ListActiveShopsAsync(default));
    }

    private static async Task DeliverAsync(LiveShop live, SalesBot.Sandbox.Shopify.Store.StoreProduct product)
    {
        var eventId = Guid.NewGuid().ToString();
        using var response = await live.PostWebhookAsync(WebhookTopics.ProductsUpdate,
            new JsonObject { ["id"] = product.Id, ["admin_graphql_api_id"] = product.Gid }, eventId);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await live.WaitProcessedAsync(eventId);
    }

    private static async Task<JsonElement> StatusAsync(LiveShop live)
    {
        var http = await live.MerchantAsync();
        using var response = await http.GetAsync($"/shopify/{live.Shop}/status");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
