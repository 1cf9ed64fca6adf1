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
        var batch = MessengerWebhookParser.ParseWebhook("""
            {"object":"whatsapp_business_account","entry":[{"id":"WABA","time":1,"messaging":[
              {"sender":{"id":"U1"},"recipient":{"id":"WABA"},"timestamp":10,"message":{"mid":"m1","text":"hi"}}]}]}
            """u8, Now);

        Assert.Null(batch.Channel);
        Assert.Empty(batch.Events);
        Assert.Empty(MessengerWebhookParser.Parse("""{"object":"user","entry":[]}"""u8, Now));
    }

    [Fact]
    public void Instagram_messages_quick_replies_postbacks_and_echoes_are_kept_under_the_instagram_account()
    {
        // Shapes from Instagram Messaging's "Webhooks" reference: entry.id and recipient are the Instagram professional account.
        var json = """
            {"object":"instagram","entry":[{"id":"IGID","time":1569262486134,"messaging":[
              {"sender":{"id":"IGSID1"},"recipient":{"id":"IGID"},"timestamp":10,"message":{"mid":"aWdf1","text":"hi"}},
              {"sender":{"id":"IGSID1"},"recipient":{"id":"IGID"},"timestamp":11,"message":{"mid":"aWdf2","text":"Browse","quick_reply":{"payload":"BROWSE"}}},
              {"sender":{"id":"IGSID1"},"recipient":{"id":"IGID"},"timestamp":12,"postback":{"mid":"aWdf3","title":"View","payload":"VIEW_1"}},
              {"sender":{"id":"IGID"},"recipient":{"id":"IGSID2"},"timestamp":13,"message":{"mid":"aWdf4","text":"from the app","is_echo":true}},
              {"sender":{"id":"IGSID1"},"recipient":{"id":"IGID"},"timestamp":14,"message":{"mid":"aWdf5","is_deleted":true}},
              {"sender":{"id":"IGSID1"},"recipient":{"id":"IGID"},"timestamp":15,"read":{"mid":"aWdf4"}},
              {"sender":{"id":"IGSID1"},"recipient":{"id":"IGID"},"timestamp":16,"reaction":{"mid":"aWdf4","action":"react","reaction":"love","emoji":"❤"}}
            ]}]}
            """;

        var batch = MessengerWebhookParser.ParseWebhook(Encoding.UTF8.GetBytes(json), Now);

        Assert.Equal(MessagingChannel.Instagram, batch.Channel);
        var e = batch.Events;
        Assert.Equal(4, e.Count);
        Assert.All(e, x => Assert.Equal("IGID", x.PageId));
        Assert.Equal(("aWdf1", "IGSID1", MessengerEventKind.Message, "hi", (string?)null), (e[0].Mid, e[0].Psid, e[0].Kind, e[0].Text, e[0].Payload));
        Assert.Equal((MessengerEventKind.Message, "BROWSE"), (e[1].Kind, e[1].Payload));
        Assert.Equal((MessengerEventKind.Postback, "VIEW_1", "aWdf3"), (e[2].Kind, e[2].Payload, e[2].Mid));
        // An echo's shopper is its recipient; Instagram's may carry no app id.
        Assert.Equal((MessengerEventKind.Echo, "IGSID2", (string?)null), (e[3].Kind, e[3].Psid, e[3].AppId));
    }

    [Fact]
    public void Instagram_comment_changes_are_not_read_as_page_comments()
    {
        var json = """
            {"object":"instagram","entry":[{"id":"IGID","time":1,"changes":[{"field":"comments","value":
              {"id":"C1","from":{"id":"IGSID1","username":"sam"},"text":"price?","media":{"id":"M1","media_product_type":"FEED"}}}]}]}
            """;

        var batch = MessengerWebhookParser.ParseWebhook(Encoding.UTF8.GetBytes(json), Now);

        Assert.Equal(MessagingChannel.Instagram, batch.Channel);
        Assert.Empty(batch.Events);
    }
}
