using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RulesMesh.Server.Tests.Kubernetes;

/// <summary>
/// A raw loopback TCP server for the one thing the Kestrel double cannot show: a connection that dies silently. Every
/// list answers an empty list at resourceVersion 5; every watch answers its headers and one BOOKMARK at resourceVersion 7,
/// then sends nothing more and never closes, as a watch does behind a NAT or load balancer that dropped the flow without
/// a reset. Each request line is recorded.
/// </summary>
internal sealed class SilentApiServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _connections = [];
    private readonly List<string> _requests = [];
    private readonly object _lock = new();
    private readonly Task _accepting;

    public SilentApiServer()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The server's base address.</summary>
    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    /// <summary>The request targets (path and query) of every watch so far.</summary>
    public IReadOnlyList<string> Watches
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests.Where(static target => target.Contains("watch=", StringComparison.Ordinal))];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        lock (_lock)
        {
            foreach (var connection in _connections)
            {
                connection.Dispose();
            }
        }

        await _accepting;
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        var serving = new List<Task>();
        try
        {
            while (true)
            {
                var connection = await _listener.AcceptTcpClientAsync(_stop.Token);
                lock (_lock)
                {
                    _connections.Add(connection);
                }

                serving.Add(ServeAsync(connection));
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        await Task.WhenAll(serving);
    }

    private async Task ServeAsync(TcpClient connection)
    {
        try
        {
            var stream = connection.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
            while (await reader.ReadLineAsync(_stop.Token) is { Length: > 0 } requestLine)
            {
                while (await reader.ReadLineAsync(_stop.Token) is { Length: > 0 })
                {
                    // The headers: the requests have no body.
                }

                var target = requestLine.Split(' ')[1];
                lock (_lock)
                {
                    _requests.Add(target);
                }

                if (!target.Contains("watch=", StringComparison.Ordinal))
                {
                    await WriteAsync(stream, Response("""{"kind":"List","apiVersion":"v1","metadata":{"resourceVersion":"5"},"items":[]}"""));
                    continue;
                }

                await WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
                var bookmark = """{"type":"BOOKMARK","object":{"metadata":{"resourceVersion":"7"}}}""" + "\n";
                await WriteAsync(stream, $"{Encoding.UTF8.GetByteCount(bookmark).ToString("x", CultureInfo.InvariantCulture)}\r\n{bookmark}\r\n");
                // Then silence: the connection stays open and nothing more comes.
                await Task.Delay(Timeout.Infinite, _stop.Token);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
    }

    private static string Response(string json)
        => $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(json)}\r\n\r\n{json}";

    private static async Task WriteAsync(NetworkStream stream, string text)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text));
        await stream.FlushAsync();
    }
}
