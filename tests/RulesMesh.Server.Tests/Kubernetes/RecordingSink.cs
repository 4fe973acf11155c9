using RulesMesh.Engine;
using RulesMesh.Server.Sources;

namespace RulesMesh.Server.Tests.Kubernetes;

/// <summary>A change sink that keeps everything a source tells it, in order.</summary>
internal sealed class RecordingSink : IChangeSink
{
    private readonly object _lock = new();
    private readonly List<IReadOnlyList<ResourceChange>> _batches = [];
    private readonly Dictionary<string, IReadOnlyList<string>> _problems = new(StringComparer.Ordinal);
    private int? _batchesBeforeSync;

    /// <summary>Every batch submitted, in order.</summary>
    public IReadOnlyList<IReadOnlyList<ResourceChange>> Batches
    {
        get
        {
            lock (_lock)
            {
                return [.. _batches];
            }
        }
    }

    /// <summary>Every change submitted, in order.</summary>
    public IReadOnlyList<ResourceChange> Changes => [.. Batches.SelectMany(static batch => batch)];

    /// <summary>The changes submitted before the source marked itself synced (all of them while it has not).</summary>
    public IReadOnlyList<ResourceChange> ChangesBeforeSync => [.. Batches.Take(BatchesBeforeSync ?? int.MaxValue).SelectMany(static batch => batch)];

    /// <summary>How many batches had been submitted when the source marked itself synced; null before then.</summary>
    public int? BatchesBeforeSync
    {
        get
        {
            lock (_lock)
            {
                return _batchesBeforeSync;
            }
        }
    }

    /// <summary>The problems reported now, by origin (origins cleared are absent).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Problems
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<string, IReadOnlyList<string>>(_problems, StringComparer.Ordinal);
            }
        }
    }

    /// <inheritdoc />
    public void Submit(IConfigurationSource source, IReadOnlyList<ResourceChange> changes)
    {
        lock (_lock)
        {
            _batches.Add([.. changes]);
        }
    }

    /// <inheritdoc />
    public void MarkSynced(IConfigurationSource source)
    {
        lock (_lock)
        {
            _batchesBeforeSync ??= _batches.Count;
        }
    }

    /// <inheritdoc />
    public void Report(IConfigurationSource source, string origin, IReadOnlyList<string> problems)
    {
        lock (_lock)
        {
            if (problems.Count == 0)
            {
                _problems.Remove(origin);
            }
            else
            {
                _problems[origin] = problems;
            }
        }
    }
}
