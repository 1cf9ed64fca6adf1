using System.Net;
using System.Net.Sockets;

namespace SalesBot.Tests.Faults;

/// <summary>
/// A TCP proxy on loopback in front of a real server (s3rver), switched between forwarding, refusing (every
/// connection closed at once: a host that is down) and stalling (accepted, never answered: a network that eats
/// packets, so a request hangs in flight). Switching cuts the connections open at that moment.
/// </summary>
public sealed class TcpFaultProxy : IAsyncDisposable
{
    public enum Mode { Forward, Refuse, Stall }

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private CancellationTokenSource _connections = new();
    private volatile Mode _mode = Mode.Forward;
    private int _stalled;

    public TcpFaultProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string Endpoint => $"http://127.0.0.1:{Port}";

    /// <summary>Connections accepted and left hanging since the proxy started stalling.</summary>
    public int StalledConnections => Volatile.Read(ref _stalled);

    public void Set(Mode mode)
    {
        _mode = mode;
        var previous = Interlocked.Exchange(ref _connections, new CancellationTokenSource());
        previous.Cancel();
        previous.Dispose();
        if (mode == Mode.Stall) Interlocked.Exchange(ref _stalled, 0);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            catch (SocketException) { return; }
            _ = HandleAsync(client, _mode, _connections.Token);
        }
    }

    private async Task HandleAsync(TcpClient client, Mode mode, CancellationToken cut)
    {
        using var _ = client;
        try
        {
            switch (mode)
            {
                case Mode.Refuse:
                    client.Client.LingerState = new LingerOption(true, 0);   // a reset, as from a closed port
                    return;
                case Mode.Stall:
                    Interlocked.Increment(ref _stalled);
                    await Task.Delay(Timeout.Infinite, cut);
                    return;
                default:
                    using (var target = new TcpClient())
                    {
                        await target.ConnectAsync(IPAddress.Loopback, _targetPort, cut);
                        var up = client.GetStream().CopyToAsync(target.GetStream(), cut);
                        var down = target.GetStream().CopyToAsync(client.GetStream(), cut);
                        await Task.WhenAny(up, down);
                    }
                    return;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // The connection was cut on purpose, or one side closed it.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        _connections.Cancel();
        try { await _accepting; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
