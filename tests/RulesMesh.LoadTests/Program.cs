using System.Diagnostics;
using System.Globalization;
using Grpc.Net.Client;
using RulesMesh.LoadTests;

// Load test of `rulesmesh serve` (issue 12): the real CLI process on a generated mesh, many ADS streams on loopback,
// a storm of edits to a watched file, then a check that every stream converges to what a fresh stream gets.
var options = LoadOptions.Parse(args);
var log = Console.Out;
var cliDll = Repository.CliDll();
var folder = Directory.CreateTempSubdirectory("rulesmesh-load-");
try
{
    log.WriteLine($"Mesh: {options.Services} Services, {options.Services} ServiceEntries, {options.Waypoints} waypoints; {options.Streams} streams; {options.Edits} edits {options.EditIntervalMilliseconds} ms apart.");
    await Cli.RunAsync(cliDll, ["generate-mesh", "--services", Text(options.Services), "--service-entries", Text(options.Services), "--workloads", Text(options.Services * 5), "--waypoints", Text(options.Waypoints), "--output", Path.Combine(folder.FullName, "mesh.yaml")]);
    var storm = new StormFile(Path.Combine(folder.FullName, "storm.yaml"), options.Waypoints);
    storm.Write(0);

    await using var server = await ServeProcess.StartAsync(cliDll, ["serve", "--listen", "127.0.0.1:0", "--admin", "127.0.0.1:0", folder.FullName], log);
    using var admin = new HttpClient { BaseAddress = server.Admin };
    await Admin.WaitReadyAsync(admin, TimeSpan.FromMinutes(2));
    var residentBefore = server.ResidentBytes();

    using var channel = GrpcChannel.ForAddress(server.Xds, new GrpcChannelOptions
    {
        HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true },
        MaxReceiveMessageSize = null,
    });
    var invoker = channel.CreateCallInvoker();
    using var stop = new CancellationTokenSource();
    var streams = Enumerable.Range(0, options.Streams)
        .Select(i => new AdsLoadStream(AdsLoadStream.NodeFor($"load-{i}", $"ns-{i % options.Waypoints}", $"ns-{i % options.Waypoints}", "waypoint"), delta: i % 2 == 1))
        .ToArray();
    var connectStarted = Stopwatch.GetTimestamp();
    var running = streams.Select(s => Task.Run(() => s.RunAsync(invoker, stop.Token))).ToArray();
    await Wait.UntilAsync(() => streams.All(s => s.Fingerprints.Count == 4 || s.Failure is not null), TimeSpan.FromMinutes(5), "every stream's first four responses");
    log.WriteLine($"Connected: {streams.Count(s => s.Failure is null)} of {streams.Length} streams have all four types, {Stopwatch.GetElapsedTime(connectStarted).TotalSeconds:F1} s after the first connected.");
    await Task.Delay(TimeSpan.FromSeconds(3));
    var residentConnected = server.ResidentBytes();

    var stormStarted = Stopwatch.GetTimestamp();
    for (var edit = 1; edit <= options.Edits; edit++)
    {
        storm.Write(edit);
        await Task.Delay(options.EditIntervalMilliseconds);
    }

    var lastEdit = Stopwatch.GetTimestamp();
    log.WriteLine($"Storm: {options.Edits} edits written in {Stopwatch.GetElapsedTime(stormStarted, lastEdit).TotalSeconds:F2} s.");

    // Converged: some stream changed after the last edit, then nothing changed on any stream for five seconds, and every
    // stream matches a fresh stream of its gateway.
    await Wait.UntilAsync(() => streams.Max(s => s.LastChangeTimestamp) > lastEdit, options.ConvergenceTimeout, "a response after the last edit");
    await Wait.QuietAsync(() => streams.Max(s => s.LastChangeTimestamp), TimeSpan.FromSeconds(5), options.ConvergenceTimeout);
    var probes = Enumerable.Range(0, options.Waypoints)
        .SelectMany(g => Enumerable.Range(0, 2).Select(variant => new AdsLoadStream(AdsLoadStream.NodeFor($"probe-{g}", $"ns-{g}", $"ns-{g}", "waypoint"), delta: variant == 1)))
        .ToArray();
    using var stopProbes = new CancellationTokenSource();
    var probing = probes.Select(p => Task.Run(() => p.RunAsync(invoker, stopProbes.Token))).ToArray();
    await Wait.UntilAsync(() => probes.All(p => p.Fingerprints.Count == 4 || p.Failure is not null), TimeSpan.FromMinutes(1), "the probes' first four responses");
    var expected = probes.ToDictionary(p => (p.Node.Cluster, p.IsDelta));
    var converged = streams.Where(s => s.Failure is null && Same(s.Fingerprints, expected[(s.Node.Cluster, s.IsDelta)].Fingerprints)).ToArray();
    var lost = streams.Where(s => s.Failure is not null).ToArray();
    var latencies = converged.Select(s => (s.LastChangeTimestamp - lastEdit) * 1000.0 / Stopwatch.Frequency).Order().ToArray();
    var metrics = await admin.GetStringAsync(new Uri("/metrics", UriKind.Relative));
    var residentEnd = server.ResidentBytes();

    await stopProbes.CancelAsync();
    await stop.CancelAsync();
    await Task.WhenAll(running.Concat(probing));

    log.WriteLine($"Lost streams: {lost.Length}{(lost.Length > 0 ? " (first: " + lost[0] + ": " + lost[0].Failure!.Message + ")" : "")}.");
    log.WriteLine($"Converged: {converged.Length} of {streams.Length} streams hold what a fresh stream of their gateway gets.");
    log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Last edit to a stream's final response: p50 {Percentile(latencies, 0.50):F0} ms, p99 {Percentile(latencies, 0.99):F0} ms, max {latencies.LastOrDefault():F0} ms (includes the server's debounce)."));
    log.WriteLine($"Server push latency (engine step to response written, from /metrics): {PushLatency.Summarise(metrics)}.");
    log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Server RSS: {residentBefore / 1048576.0:F0} MB ready, {residentConnected / 1048576.0:F0} MB with {streams.Length} streams ({(residentConnected - residentBefore) / 1024.0 / streams.Length:F1} KB per stream), {residentEnd / 1048576.0:F0} MB after the storm."));
    return lost.Length == 0 && converged.Length == streams.Length ? 0 : 1;
}
finally
{
    folder.Delete(recursive: true);
}

static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

static bool Same(IReadOnlyDictionary<string, string> held, IReadOnlyDictionary<string, string> expected)
    => held.Count == expected.Count && expected.All(pair => held.TryGetValue(pair.Key, out var value) && value == pair.Value);

static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
