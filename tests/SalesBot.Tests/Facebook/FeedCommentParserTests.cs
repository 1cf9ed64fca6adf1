using System.Text;
using SalesBot.Facebook;

namespace SalesBot.Tests.Facebook;

public sealed class FeedCommentParserTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-01-01T00:00:00Z");

    [Fact]
    public void Reads_a_new_comment_and_skips_edits_reactions_and_the_pages_own_comments()
    {
        var json = """
            {"object":"page","entry":[{"id":"PAGE","time":1,"changes":[
              {"field":"feed","value":{"item":"comment","verb":"add","comment_id":"P_1_c1","post_id":"P_1","parent_id":"P_1","from":{"id":"U1","name":"Ann"},"message":"price?","created_time":1767139200}},
              {"field":"feed","value":{"item":"comment","verb":"edited","comment_id":"P_1_c2","post_id":"P_1","from":{"id":"U1"},"message":"price??","created_time":1767139200}},
              {"field":"feed","value":{"item":"reaction","verb":"add","post_id":"P_1","from":{"id":"U1"},"reaction_type":"like"}},
              {"field":"feed","value":{"item":"comment","verb":"add","comment_id":"P_1_c3","post_id":"P_1","from":{"id":"PAGE"},"message":"DM us!"}},
              {"field":"mention","value":{"item":"comment","verb":"add","comment_id":"P_1_c4","post_id":"P_1","from":{"id":"U2"}}}
            ]}]}
            """;

        var events = MessengerWebhookParser.Parse(Encoding.UTF8.GetBytes(json), Now);

        var e = Assert.Single(events);
        Assert.Equal(("comment:P_1_c1", "PAGE", "U1", MessengerEventKind.Comment, "price?", "P_1"), (e.Mid, e.PageId, e.Psid, e.Kind, e.Text, e.Payload));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1767139200).ToUnixTimeMilliseconds(), e.Timestamp);
        Assert.Equal("P_1_c1", FeedCommentParser.CommentId(e));
    }
}
