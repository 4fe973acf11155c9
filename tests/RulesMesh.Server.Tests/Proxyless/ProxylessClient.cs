using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using RulesMesh.Server.Tests.Files;

namespace RulesMesh.Server.Tests.Proxyless;

/// <summary>
/// A proxyless gRPC client (grpc-e2e/client.js) with one channel to an <c>xds:///</c> target, its bootstrap naming
/// <c>rulesmesh serve</c> on loopback, node id <c>&lt;pod&gt;.&lt;namespace&gt;</c> and metadata <c>GENERATOR=grpc</c>.
/// The channel lives as long as this object: calls made later see what the server pushed since.
/// </summary>
internal sealed class ProxylessClient : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly TemporaryFolder _folder;

    private ProxylessClient(Process process, TemporaryFolder folder)
    {
        _process = process;
        _folder = folder;
    }

    /// <summary>Starts a client of <paramref name="target"/> (e.g. <c>xds:///echo.app.svc.cluster.local:50051</c>) as Pod <paramref name="podNamespace"/>/<paramref name="pod"/>.</summary>
    public static ProxylessClient Start(GrpcHarnessInstall install, IPEndPoint xds, string target, string podNamespace, string pod)
    {
        var folder = new TemporaryFolder();
        var bootstrap = folder.Write("bootstrap.json", new JsonObject
        {
            ["xds_servers"] = new JsonArray(new JsonObject
            {
                ["server_uri"] = xds.ToString(),
                ["channel_creds"] = new JsonArray(new JsonObject { ["type"] = "insecure" }),
                ["server_features"] = new JsonArray("xds_v3"),
            }),
            ["node"] = new JsonObject
            {
                ["id"] = $"{pod}.{podNamespace}",
                ["cluster"] = "proxyless",
                ["locality"] = new JsonObject(),
                ["metadata"] = new JsonObject { ["GENERATOR"] = "grpc" },
            },
        }.ToJsonString());
        var start = new ProcessStartInfo("node") { WorkingDirectory = install.Folder, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("client.js");
        start.ArgumentList.Add(target);
        start.Environment["GRPC_XDS_BOOTSTRAP"] = bootstrap;
        return new ProxylessClient(Process.Start(start) ?? throw new InvalidOperationException("node did not start."), folder);
    }

    /// <summary>Makes <paramref name="calls"/> calls (with <paramref name="metadata"/> as request headers) and counts which backend answered each, and the errors.</summary>
    public async Task<CallCounts> CallAsync(int calls, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var command = new JsonObject { ["calls"] = calls, ["metadata"] = new JsonObject(metadata?.Select(static m => KeyValuePair.Create(m.Key, (JsonNode?)m.Value)) ?? []) };
        await _process.StandardInput.WriteLineAsync(command.ToJsonString());
        await _process.StandardInput.FlushAsync();
        using var limit = new CancellationTokenSource(Patience);
        var line = await _process.StandardOutput.ReadLineAsync(limit.Token) ?? throw new InvalidOperationException($"the client ended: {await _process.StandardError.ReadToEndAsync(limit.Token)}");
        var result = JsonNode.Parse(line)!;
        return new CallCounts(Counts(result["backends"]!), Counts(result["errors"]!));
    }

    /// <summary>Calls in rounds of <paramref name="calls"/> until one round satisfies <paramref name="done"/>; that round, or a timeout naming the last one.</summary>
    public async Task<CallCounts> CallUntilAsync(int calls, Func<CallCounts, bool> done, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var counts = await CallAsync(calls, metadata);
            if (done(counts))
            {
                return counts;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"after {Patience.TotalSeconds} s the calls still went {counts}");
            }

            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        _folder.Dispose();
    }

    private static Dictionary<string, int> Counts(JsonNode counts) => counts.AsObject().ToDictionary(static c => c.Key, static c => (int)c.Value!);
}
