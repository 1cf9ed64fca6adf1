using System.Net;
using System.Net.Sockets;

namespace SalesBot.TestKit;

/// <summary>A port nobody listens on right now, for a server a test or bench starts on 127.0.0.1.</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
