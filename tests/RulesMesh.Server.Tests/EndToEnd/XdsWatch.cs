using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace RulesMesh.Server.Tests.EndToEnd;

/// <summary>
/// xds-watch.js running gRPC's own <c>XdsClient</c> against a server, as a proxy of a Gateway (kgateway's node
/// convention): each line it prints (<c>changed</c>, <c>error</c>, <c>missing</c>) is handed to the test in order.
/// </summary>
internal sealed class XdsWatch : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly string bootstrapFile;
    private readonly Channel<JsonObject> events = Channel.CreateUnbounded<JsonObject>();
    private readonly StringBuilder errors = new();

    private XdsWatch(Process process, string bootstrapFile)
    {
        this.process = process;
        this.bootstrapFile = bootstrapFile;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                events.Writer.TryComplete();
            }
            else if (e.Data.Length > 0)
            {
                events.Writer.TryWrite(JsonNode.Parse(e.Data)!.AsObject());
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>
    /// Starts the client for the proxy <paramref name="pod"/> of <paramref name="gateway"/> (both <c>namespace/name</c>),
    /// in <paramref name="locality"/>, watching <paramref name="watches"/> (<c>cluster:&lt;name&gt;</c>, <c>endpoints:&lt;name&gt;</c>).
    /// </summary>
    public static XdsWatch Start(XdsClientInstall install, IPEndPoint server, string gateway, string pod, (string Region, string Zone, string SubZone) locality, IEnumerable<string> watches)
    {
        var (gatewayNamespace, gatewayName) = Split(gateway);
        var (podNamespace, podName) = Split(pod);
        var bootstrap = new JsonObject
        {
            ["xds_servers"] = new JsonArray(new JsonObject
            {
                ["server_uri"] = server.ToString(),
                ["channel_creds"] = new JsonArray(new JsonObject { ["type"] = "insecure" }),
                ["server_features"] = new JsonArray("xds_v3"),
            }),
            ["node"] = new JsonObject
            {
                ["id"] = $"{podName}.{podNamespace}",
                ["cluster"] = $"{gatewayName}.{gatewayNamespace}",
                ["locality"] = new JsonObject { ["region"] = locality.Region, ["zone"] = locality.Zone, ["sub_zone"] = locality.SubZone },
                ["metadata"] = new JsonObject { ["role"] = $"kgateway-kube-gateway-api~{gatewayNamespace}~{gatewayName}" },
            },
        };
        var bootstrapFile = Path.Combine(Path.GetTempPath(), $"rulesmesh-xds-bootstrap-{Guid.NewGuid():N}.json");
        File.WriteAllText(bootstrapFile, bootstrap.ToJsonString());

        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = install.Folder,
        };
        foreach (var argument in (string[])[install.Script, bootstrapFile, .. watches])
        {
            start.ArgumentList.Add(argument);
        }

        return new XdsWatch(Process.Start(start) ?? throw new InvalidOperationException("node did not start."), bootstrapFile);
    }

    /// <summary>Adds a watch (<c>cluster:&lt;name&gt;</c> or <c>endpoints:&lt;name&gt;</c>) to the running client.</summary>
    public async Task WatchAsync(string watch)
    {
        await process.StandardInput.WriteLineAsync(watch);
        await process.StandardInput.FlushAsync();
    }

    /// <summary>The next line the client prints that <paramref name="wanted"/> accepts; the lines before it are skipped.</summary>
    public async Task<JsonObject> NextAsync(Func<JsonObject, bool> wanted, string what)
    {
        using var limit = new CancellationTokenSource(Patience);
        try
        {
            while (true)
            {
                var line = await events.Reader.ReadAsync(limit.Token);
                if (wanted(line))
                {
                    return line;
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or ChannelClosedException)
        {
            lock (errors)
            {
                throw new TimeoutException($"gRPC's xDS client printed no {what} within {Patience.TotalSeconds} s. Its standard error:\n{errors}", exception);
            }
        }
    }

    /// <summary>The next <c>changed</c> line of <paramref name="type"/> <paramref name="name"/>.</summary>
    public Task<JsonObject> ChangedAsync(string type, string name)
        => NextAsync(line => (string?)line["event"] == "changed" && (string?)line["type"] == type && (string?)line["name"] == name, $"change of {type} {name}");

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        process.Dispose();
        File.Delete(bootstrapFile);
    }

    private static (string Namespace, string Name) Split(string namespacedName)
    {
        var slash = namespacedName.IndexOf('/', StringComparison.Ordinal);
        return (namespacedName[..slash], namespacedName[(slash + 1)..]);
    }
}
