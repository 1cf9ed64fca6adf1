using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SalesBot.Facebook;

namespace SalesBot.Tests.Facebook;

/// <summary>Page connect refusals, and what a rejected page token does to a live conversation (the signed-in connect is in MerchantPageConnectTests).</summary>
public sealed class PageConnectTests(MessengerAppFixture app) : IClassFixture<MessengerAppFixture>
{
    [Fact]
    public async Task Callback_without_the_browsers_state_cookie_is_refused()
    {
        using var stranger = app.Factory.CreateClient();
        var response = await stranger.GetAsync("/facebook/callback?code=abc&state=0123");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_token_rejected_with_190_disconnects_the_page()
    {
        var pages = app.Factory.Services.GetRequiredService<PageStore>();
        Assert.NotNull(await pages.GetAsync("sandbox-page", default));
        app.Sandbox.State.FailNext(190);

        await app.PostWebhookAsync(MessengerAppFixture.Body(MessengerAppFixture.Message("psid-190", "blue shirt")));
        await app.WaitAsync();

        Assert.Null(await pages.GetAsync("sandbox-page", default));
        Assert.Empty(app.Replies("psid-190"));
    }

}
