using Microsoft.Extensions.Logging.Abstractions;
using RulesMesh.Server.Sources.Files;

namespace RulesMesh.Server.Tests.Files;

/// <summary>A <see cref="FileSource"/> running in the background over real files, stopped on dispose.</summary>
internal sealed class RunningSource : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task run;

    private RunningSource(FileSource source)
    {
        Source = source;
        run = source.RunAsync(Sink, stop.Token);
        _ = run.ContinueWith(t => Sink.Fail(t.Exception!.InnerException!), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    public FileSource Source { get; }

    public RecordingSink Sink { get; } = new();

    /// <summary>Starts a source over <paramref name="paths"/>, debouncing briefly so the tests do not wait long.</summary>
    public static RunningSource Start(FileSourceOptions? options, params string[] paths)
        => new(new FileSource(paths, options ?? new FileSourceOptions { Debounce = TimeSpan.FromMilliseconds(50) }, NullLogger<FileSource>.Instance));

    /// <summary>Starts a source and waits until it has read its files: returns what it told before it was synced.</summary>
    public static async Task<(RunningSource Source, List<SinkCall> Start)> StartSyncedAsync(FileSourceOptions? options, params string[] paths)
    {
        var source = Start(options, paths);
        return (source, await source.Sink.UntilAsync(static call => call is SinkCall.Synced));
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await run;
        stop.Dispose();
    }
}
