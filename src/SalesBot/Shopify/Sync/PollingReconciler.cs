using Microsoft.Extensions.Options;
using SalesBot.Configuration;
using SalesBot.Shopify.Auth;

namespace SalesBot.Shopify.Sync;

/// <summary>
/// The safety net for lost webhooks: every <c>SHOPIFY_POLL_INTERVAL</c> (first run one interval after
/// start) each installed or pre-configured shop is fully re-read and published if it changed.
/// </summary>
public sealed class PollingReconciler(
    ShopTokenStore tokens,
    FullSync sync,
    IOptions<ShopifyOptions> options,
    TimeProvider time,
    ILogger<PollingReconciler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
            await PollAllAsync(stoppingToken);
    }

    public async Task PollAllAsync(CancellationToken cancellationToken)
    {
        foreach (var shop in await tokens.ListActiveShopsAsync(cancellationToken))
        {
            try
            {
                // Half an interval: another instance's poll of the same round counts, the previous round does not.
                var outcome = await sync.ReconcileAsync(shop, cancellationToken, skipIfWithin: options.Value.PollInterval / 2);
                logger.LogInformation("Poll of {Shop}: {Message}", shop, outcome.Published?.Message ?? outcome.Mode);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Poll of {Shop} failed: {Reason}", shop, e.Message);
            }
        }
    }
}
