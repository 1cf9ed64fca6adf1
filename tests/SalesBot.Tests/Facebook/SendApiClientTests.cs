using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SalesBot.Configuration;
using SalesBot.Facebook;
using SalesBot.Sandbox.Facebook;

namespace SalesBot.Tests.Facebook;

/// <summary>The Send API client against the emulated Graph API on loopback, including Graph's error codes.</summary>
public sealed class SendApiClientTests : IAsyncLifetime
{
    private FacebookSandboxServer _sandbox = null!;
    private HttpClient _http = null!;
    private SendApiClient _client = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await FacebookSandboxServer.StartAsync();
        _http = new HttpClient();
        var app = new FacebookApp(Options.Create(new FacebookOptions { GraphOrigin = _sandbox.GraphOrigin }), Options.Create(new AppOptions()));
        _client = new SendApiClient(_http, app, new SendApiRetry(3, TimeSpan.FromMilliseconds(5)), TimeProvider.System, NullLogger<SendApiClient>.Instance);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _sandbox.DisposeAsync();
    }

    private Task<SendResult> SendAsync(string token = FacebookApp.SandboxPageToken) =>
        _client.SendMessageAsync(token, "psid-1", new OutgoingMessage("Hello"), default);

    [Fact]
    public async Task Sends_a_response_message_the_way_Meta_documents_it()
    {
        Assert.Equal(SendResult.Sent, await SendAsync());

        var body = Assert.Single(_sandbox.State.Sent("psid-1")).Body;
        Assert.Equal("psid-1", body.GetProperty("recipient").GetProperty("id").GetString());
        Assert.Equal("RESPONSE", body.GetProperty("messaging_type").GetString());
        Assert.Equal("Hello", body.GetProperty("message").GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_button_template_is_sent_as_Meta_documents_it_and_one_past_its_limits_is_refused()
    {
        var checkout = TemplateButton.Link("Checkout", "https://bot.example/go/t");
        Assert.Equal(SendResult.Sent, await _client.SendMessageAsync(FacebookApp.SandboxPageToken, "psid-1", OutgoingMessage.Buttons("Ready.", [checkout]), default));
        var payload = Assert.Single(_sandbox.State.Sent("psid-1")).Body.GetProperty("message").GetProperty("attachment").GetProperty("payload");
        Assert.Equal(("button", "Ready."), (payload.GetProperty("template_type").GetString(), payload.GetProperty("text").GetString()));
        Assert.False(payload.TryGetProperty("elements", out _));
        var button = Assert.Single(payload.GetProperty("buttons").EnumerateArray().ToList());
        Assert.Equal(("web_url", "Checkout", "https://bot.example/go/t"),
            (button.GetProperty("type").GetString(), button.GetProperty("title").GetString(), button.GetProperty("url").GetString()));

        // Four buttons (the builder caps at three, so the message is made by hand): Graph answers error 100 and sends nothing.
        var tooMany = new OutgoingMessage(null, null, new MessageAttachment("template", new TemplatePayload("button", null, "Pick", Enumerable.Repeat(checkout, 4).ToList())));
        Assert.NotEqual(SendResult.Sent, await _client.SendMessageAsync(FacebookApp.SandboxPageToken, "psid-2", tooMany, default));
        Assert.Empty(_sandbox.State.Sent("psid-2"));
    }

    [Fact]
    public async Task Rate_limit_613_is_retried_with_backoff_until_it_passes()
    {
        _sandbox.State.FailNext(613, times: 2);

        Assert.Equal(SendResult.Sent, await SendAsync());
        Assert.Single(_sandbox.State.Sent("psid-1"));
    }

    [Fact]
    public async Task Rate_limit_613_that_persists_gives_up_after_the_last_attempt()
    {
        _sandbox.State.FailNext(613, times: 3);

        Assert.Equal(SendResult.RateLimited, await SendAsync());
        Assert.Empty(_sandbox.State.Sent("psid-1"));
    }

    [Fact]
    public async Task Rejected_token_190_is_reported_without_retrying()
    {
        _sandbox.State.FailNext(190);
        _sandbox.State.FailNext(613);

        Assert.Equal(SendResult.TokenRejected, await SendAsync());
        Assert.Equal(613, _sandbox.State.TakeFailure());
        Assert.Equal(SendResult.TokenRejected, await SendAsync("not-a-page-token"));
    }

    [Fact]
    public async Task Unreachable_shopper_551_is_dropped()
    {
        _sandbox.State.FailNext(551);

        Assert.Equal(SendResult.Unreachable, await SendAsync());
    }

    [Fact]
    public async Task Sender_actions_go_alone()
    {
        await _client.SendActionAsync(FacebookApp.SandboxPageToken, "psid-1", "typing_on", default);

        var body = Assert.Single(_sandbox.State.Sent("psid-1")).Body;
        Assert.Equal("typing_on", body.GetProperty("sender_action").GetString());
        Assert.False(body.TryGetProperty("message", out _));
        Assert.False(body.TryGetProperty("messaging_type", out _));
    }
}
