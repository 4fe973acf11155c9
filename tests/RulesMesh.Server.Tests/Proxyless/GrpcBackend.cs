using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace RulesMesh.Server.Tests.Proxyless;

/// <summary>One real gRPC server (grpc-e2e/server.js) on a loopback address and a free port, answering with its name.</summary>
internal sealed class GrpcBackend : IAsyncDisposable
{
    private readonly Process _process;

    private GrpcBackend(Process process, string name, string address, int port)
    {
        _process = process;
        Name = name;
        Address = address;
        Port = port;
    }

    /// <summary>The name its replies carry.</summary>
    public string Name { get; }

    /// <summary>The loopback address it listens on (127.0.0.x).</summary>
    public string Address { get; }

    /// <summary>The port it was given.</summary>
    public int Port { get; }

    /// <summary>Starts server <paramref name="name"/> on <paramref name="address"/> (port 0: a free one) and waits until it listens.</summary>
    public static async Task<GrpcBackend> StartAsync(GrpcHarnessInstall install, string name, string address, int port = 0)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = install.Folder, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "server.js", name, address, port.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await process.StandardOutput.ReadLineAsync(limit.Token);
        if (line is null)
        {
            throw new InvalidOperationException($"gRPC server {name} on {address} did not start: {await process.StandardError.ReadToEndAsync(limit.Token)}");
        }

        var listening = (string)JsonNode.Parse(line)!["listening"]!;
        return new GrpcBackend(process, name, address, int.Parse(listening[(listening.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture));
    }

    /// <summary>Stops the server (its clients' connections are refused from then on).</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }
}
