namespace SalesBot.MerchantConsole.Components;

/// <summary>One named series of a <see cref="BarChart"/>: a value per day, in the chart's day order.</summary>
public sealed record ChartSeries(string Name, string CssClass, IReadOnlyList<long> Values);
