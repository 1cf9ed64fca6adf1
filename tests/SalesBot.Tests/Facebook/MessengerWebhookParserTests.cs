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
    public void Reads_messaging_handovers_and_the_standby_channel()
    {
        var json = """
            {"object":"page","entry":[{"id":"PAGE","time":1,
              "messaging":[
                {"sender":{"id":"U1"},"recipient":{"id":"PAGE"},"timestamp":20,
                 "pass_thread_control":{"new_owner_app_id":"1517776481860111","previous_owner_app_id":"263902037430900","metadata":"done"}},
                {"sender":{"id":"U2"},"recipient":{"id":"PAGE"},"timestamp":21,
                 "take_thread_control":{"previous_owner_app_id":"1517776481860111","new_owner_app_id":263902037430900,"metadata":"admin"}},
                {"sender":{"id":"U3"},"recipient":{"id":"PAGE"},"timestamp":22,"request_thread_control":{"requested_owner_app_id":123,"metadata":"x"}}
              ],
              "standby":[
                {"sender":{"id":"U1"},"recipient":{"id":"PAGE"},"timestamp":23,"message":{"mid":"s1","text":"still there?"}},
                {"sender":{"id":"PAGE"},"recipient":{"id":"U1"},"timestamp":24,"message":{"mid":"s2","text":"yes!","is_echo":true,"app_id":263902037430900}},
                {"sender":{"id":"U1"},"recipient":{"id":"PAGE"},"timestamp":25,"postback":{"title":"Talk to a person","payload":"HUMAN"}}
              ]}]}
            """;

        var events = MessengerWebhookParser.Parse(Encoding.UTF8.GetBytes(json), Now);

        var standby = events.Where(e => e.Timestamp >= 23).OrderBy(e => e.Timestamp).ToList();
        Assert.Equal([(MessengerEventKind.Standby, "U1", "still there?", (string?)null), (MessengerEventKind.Echo, "U1", "yes!", null),
            (MessengerEventKind.Standby, "U1", "Talk to a person", "HUMAN")], standby.Select(e => (e.Kind, e.Psid, e.Text, e.Payload)));
        Assert.Equal("263902037430900", standby[1].AppId);
        var handovers = events.Where(e => e.Kind == MessengerEventKind.Handover).OrderBy(e => e.Timestamp).ToList();
        Assert.Equal([("U1", "1517776481860111", "done"), ("U2", "263902037430900", "admin")], handovers.Select(e => (e.Psid, e.AppId!, e.Text!)));
        Assert.All(handovers, h => Assert.StartsWith("derived:", h.Mid));
        Assert.Equal(5, events.Count);
        // A redelivered handover keeps its id, so Meta's retry is recorded once.
        Assert.Equal(handovers[0].Mid, MessengerWebhookParser.Parse(Encoding.UTF8.GetBytes(json), Now.AddMinutes(1)).First(e => e.Kind == MessengerEventKind.Handover).Mid);
    }

    [Fact]
    public void Other_objects_are_ignored()
    {
        Assert.Empty(MessengerWebhookParser.Parse("""{"object":"instagram","entry":[]}"""u8, Now));
    }
}
