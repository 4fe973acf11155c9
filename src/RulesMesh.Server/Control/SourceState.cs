using System.Collections.Immutable;

namespace RulesMesh.Server.Control;

/// <summary>One source's status as reported so far; any thread may report, readers get immutable copies.</summary>
internal sealed class SourceState(string name)
{
    private readonly Lock _gate = new();
    private ImmutableSortedDictionary<string, IReadOnlyList<string>> _problems = ImmutableSortedDictionary.Create<string, IReadOnlyList<string>>(StringComparer.Ordinal);
    private bool _synced;

    /// <summary>Its initial state is in.</summary>
    public void MarkSynced()
    {
        lock (_gate)
        {
            _synced = true;
        }
    }

    /// <summary>Replaces <paramref name="origin"/>'s problems; none removes the origin.</summary>
    public void Report(string origin, IReadOnlyList<string> problems)
    {
        lock (_gate)
        {
            _problems = problems.Count == 0 ? _problems.Remove(origin) : _problems.SetItem(origin, [.. problems]);
        }
    }

    /// <summary>The status now.</summary>
    public SourceStatus Status
    {
        get
        {
            lock (_gate)
            {
                return new SourceStatus(name, _synced, _problems);
            }
        }
    }
}
