using SalesBot.Shopify.Sync;

namespace SalesBot.Tests.Shopify;

/// <summary>A batch holds each item once however many deliveries name it, and keeps every delivery behind it.</summary>
public sealed class ChangeBatchTests
{
    private const string Product = "gid://shopify/Product/1";

    [Fact]
    public void Repeated_deliveries_of_one_item_are_one_change_with_all_their_deliveries()
    {
        var batch = new ChangeBatch();
        for (var i = 0; i < 50; i++) batch.Add(new CatalogChange($"e{i}", ChangeKind.Product, Product, Deleted: false));
        batch.Add(new CatalogChange("c1", ChangeKind.Collection, "gid://shopify/Collection/1", Deleted: false));
        batch.Add(new CatalogChange("e0", ChangeKind.Product, Product, Deleted: false)); // Shopify's retry of a delivery

        Assert.Equal(2, batch.Count);
        Assert.Equal(51, batch.EventIds.Count);
        Assert.Equal(50, batch.EventIdsOf([Product]).Count);
    }

    [Fact]
    public void A_delete_wins_whatever_the_order_and_a_failed_batch_merges_with_newer_changes()
    {
        var failed = new ChangeBatch { Failures = 2 };
        failed.Add(new CatalogChange("delete", ChangeKind.Product, Product, Deleted: true));
        var newer = new ChangeBatch();
        newer.Add(new CatalogChange("late-update", ChangeKind.Product, Product, Deleted: false));
        newer.Add(new CatalogChange("other", ChangeKind.Product, "gid://shopify/Product/2", Deleted: false));

        newer.Merge(failed);

        var change = Assert.Single(newer.Changes, c => c.Id == Product);
        Assert.True(change.Deleted);
        Assert.Equal(2, newer.Count);
        Assert.Equal(["late-update", "delete"], newer.EventIdsOf([Product]).Order().Reverse());
        Assert.Equal(2, newer.Failures);
    }
}
