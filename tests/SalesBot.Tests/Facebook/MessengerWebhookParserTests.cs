using System.Text;
using SalesBot.Facebook;

namespace SalesBot.Tests.Facebook;

public sealed class MessengerWebhookParserTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-01-01T00:00:00Z");

    [Fact]
    public void Reads_messages_quick_replies_postbacks_and_echoes_and_skips_receipts()
    {
        var json = """
            {"object":"page","entry":[{"id":"PAGE","time":1,"messaging":[
              {"sender":{"id":"U1"},"recipient":{"id":"PAGE"},"timestamp":10,"message":{"mid":"m1","text":"hi","quick_reply":{"payload":"BROWSE"}}},
              {"sender":{"id":"U1"},"recipient":{"id":"PAGE"},"timestamp":11,"postback":{"title":"Get Started","payload":"GET_STARTED"}},
              {"sender":{"id":"PAGE"},"recipient":{"id":"U2"},"timestamp":12,"message":{"mid":"m3","text":"hello","is_echo":true,"app_id":263902037430900}},
              {"sender":{"id":"U1"},"recipient":{"id":"PAGE"},"timestamp":13,"read":{"watermark":12}}
            ]}]}
            """;

        var events = MessengerWebhookParser.Parse(Encoding.UTF8.GetBytes(json), Now);

        Assert.Equal(3, events.Count);
        Assert.Equal(("m1", "U1", MessengerEventKind.Message, "hi", "BROWSE"), (events[0].Mid, events[0].Psid, events[0].Kind, events[0].Text, events[0].Payload));
        Assert.Equal((MessengerEventKind.Postback, "GET_STARTED"), (events[1].Kind, events[1].Payload));
        Assert.StartsWith("derived:", events[1].Mid);
        Assert.Equal((MessengerEventKind.Echo, "U2", "263902037430900"), (events[2].Kind, events[2].Psid, events[2].AppId));
    }

    [Fact]
    public void A_retried_postback_without_mid_keeps_the_same_derived_id()
    {
        var json = """{"object":"page","entry":[{"id":"P","messaging":[{"sender":{"id":"U"},"recipient":{"id":"P"},"timestamp":5,"postback":{"payload":"X"}}]}]}""";

        var first = MessengerWebhookParser.Parse(Encoding.UTF8.GetBytes(json), Now)[0].Mid;
        var again = MessengerWebhookParser.Parse(Encoding.UTF8.GetBytes(json), Now.AddMinutes(1))[0].Mid;

        Assert.Equal(first, again);
    }

    [Fact]
    public void Other_objects_are_ignored()
    {
        Assert.Empty(MessengerWebhookParser.Parse("""{"object":"instagram","entry":[]}"""u8, Now));
    }
}
