using SalesBot.Snapshots;

namespace SalesBot.Tests.Snapshots;

public sealed class SnapshotRetryOptionsTests
{
    [Fact]
    public void Backoff_doubles_from_the_initial_delay_and_stops_at_the_cap()
    {
        var options = new SnapshotRetryOptions { InitialDelay = TimeSpan.FromSeconds(5), MaxDelay = TimeSpan.FromMinutes(5) };

        var delays = Enumerable.Range(1, 10).Select(options.DelayAfter).Select(d => d.TotalSeconds).ToArray();

        Assert.Equal([5, 10, 20, 40, 80, 160, 300, 300, 300, 300], delays);
        Assert.Equal(TimeSpan.FromMinutes(5), options.DelayAfter(int.MaxValue));
    }
}
