namespace SalesBot.Shopify.Sync.Fetch;

/// <summary>Logs a long fetch's progress ("120 of 10,000 products") at most once per interval.</summary>
public sealed class FetchProgress(string shop, TimeProvider time, TimeSpan every, ILogger logger)
{
    private string _what = "";
    private long? _total;
    private long _lastLog;

    public void Begin(string what, long? total)
    {
        _what = what;
        _total = total;
        _lastLog = time.GetTimestamp();
    }

    public void Report(int count)
    {
        if (time.GetElapsedTime(_lastLog) < every) return;
        _lastLog = time.GetTimestamp();
        if (_total is { } total)
            logger.LogInformation("Fetching {Shop}: {Count} of {Total} {What}", shop, count, total, _what);
        else
            logger.LogInformation("Fetching {Shop}: {Count} {What} so far", shop, count, _what);
    }
}
