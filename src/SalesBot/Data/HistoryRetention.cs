namespace SalesBot.Data;

/// <summary>
/// How long the console's histories (publishes, sync runs, webhook refusals) keep a shop's rows: the overview charts
/// 30 days, and each writer prunes its own table as it writes, so no table grows with the age of the install. The row
/// cap bounds a shop whose catalog changes all day (a publish per debounced webhook burst).
/// </summary>
public static class HistoryRetention
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(30);

    public const int MaxRowsPerShop = 1000;
}
