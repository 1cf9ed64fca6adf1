using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SalesBot.Data;
using SalesBot.Shopify.Admin;

namespace SalesBot.Shopify.Sync;

/// <summary>Records each shop's last sync and last sync failure (see <see cref="ShopSyncState"/>) and reads them for the status endpoint.</summary>
public sealed partial class SyncStatusStore(IDbContextFactory<SalesBotDbContext> db, TimeProvider time)
{
    private const int MaxError = 1024;

    public async Task<SyncStatus?> GetAsync(string shop, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var row = await context.ShopSyncStates.AsNoTracking().SingleOrDefaultAsync(s => s.Shop == shop, cancellationToken);
        return row is null ? null : SyncStatus.From(row);
    }

    public Task RecordSuccessAsync(string shop, string mode, CancellationToken cancellationToken) => UpdateAsync(shop, row =>
    {
        row.LastSyncAt = time.GetUtcNow();
        row.LastSyncMode = mode;
    }, cancellationToken);

    public Task RecordFailureAsync(string shop, string mode, string error, int unapplied, bool retrying, CancellationToken cancellationToken) => UpdateAsync(shop, row =>
    {
        row.LastFailureAt = time.GetUtcNow();
        row.LastFailureMode = mode;
        row.LastFailure = Describe(error);
        row.LastFailureUnapplied = unapplied;
        row.LastFailureRetrying = retrying;
    }, cancellationToken);

    /// <summary>A message fit to show: Shopify's own wording, with URL query strings (a pre-signed bulk result link) cut.</summary>
    public static string Describe(Exception e) => Describe(e is ShopifyApiException ? e.Message : $"{e.GetType().Name}: {e.Message}");

    private static string Describe(string error)
    {
        var text = QueryString().Replace(error, "?…");
        return text.Length > MaxError ? text[..(MaxError - 1)] + "…" : text;
    }

    private async Task UpdateAsync(string shop, Action<ShopSyncState> change, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var row = await context.ShopSyncStates.FindAsync([shop], cancellationToken);
        if (row is null) context.ShopSyncStates.Add(row = new ShopSyncState { Shop = shop });
        change(row);
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (context.Entry(row).State == EntityState.Added)
        {
            // Another instance created the row first: apply the change to theirs.
            await using var retry = await db.CreateDbContextAsync(cancellationToken);
            var existing = await retry.ShopSyncStates.FindAsync([shop], cancellationToken);
            if (existing is null) throw;
            change(existing);
            await retry.SaveChangesAsync(cancellationToken);
        }
    }

    [GeneratedRegex(@"\?[^\s""')]+")]
    private static partial Regex QueryString();
}
