using System.Threading.Channels;
using RulesMesh.Engine;
using RulesMesh.Server.Sources;

namespace RulesMesh.Server.Tests.Files;

/// <summary>An <see cref="IChangeSink"/> that hands what a source tells it to the test, in order, as it arrives.</summary>
internal sealed class RecordingSink : IChangeSink
{
    // Long enough for a loaded machine; a test that waits this long has failed anyway.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly Channel<SinkCall> calls = Channel.CreateUnbounded<SinkCall>();

    public void Submit(IConfigurationSource source, IReadOnlyList<ResourceChange> changes) => calls.Writer.TryWrite(new SinkCall.Submitted(changes));

    public void MarkSynced(IConfigurationSource source) => calls.Writer.TryWrite(new SinkCall.Synced());

    public void Report(IConfigurationSource source, string origin, IReadOnlyList<string> problems) => calls.Writer.TryWrite(new SinkCall.Reported(origin, problems));

    /// <summary>The source failed: waiting tests fail with its exception instead of timing out.</summary>
    public void Fail(Exception exception) => calls.Writer.TryComplete(exception);

    /// <summary>The next call, failing the test when none comes.</summary>
    public async Task<SinkCall> NextAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            return await calls.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The source told nothing within {Patience.TotalSeconds} s.");
        }
    }

    /// <summary>The next submission, after checking that nothing else came before it.</summary>
    public async Task<IReadOnlyList<ResourceChange>> NextSubmissionAsync()
        => await NextAsync() is SinkCall.Submitted submitted ? submitted.Changes : throw new InvalidOperationException("Expected a submission.");

    /// <summary>Calls up to and including the first that <paramref name="last"/> accepts.</summary>
    public async Task<List<SinkCall>> UntilAsync(Func<SinkCall, bool> last)
    {
        var seen = new List<SinkCall>();
        while (true)
        {
            var call = await NextAsync();
            seen.Add(call);
            if (last(call))
            {
                return seen;
            }
        }
    }
}
