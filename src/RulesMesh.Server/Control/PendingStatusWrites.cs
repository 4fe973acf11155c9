using RulesMesh.Engine;

namespace RulesMesh.Server.Control;

/// <summary>
/// Status changes not yet handed to the status writers, coalesced: a status changed twice before a write is written
/// once, as it is last. Any thread may add; the status loop takes.
/// </summary>
internal sealed class PendingStatusWrites
{
    private readonly Lock _gate = new();
    private readonly OrderedDictionary<(string Kind, string Key), StatusChange> _changes = [];
    private StatusMaps _current = StatusMaps.Empty;

    /// <summary>Adds a step's status changes, <paramref name="current"/> being every status after it.</summary>
    public void Add(StatusMaps current, IEnumerable<StatusChange> changes)
    {
        lock (_gate)
        {
            _current = current;
            foreach (var change in changes)
            {
                _changes.Remove((change.Kind, change.Key));
                _changes.Add((change.Kind, change.Key), change);
            }
        }
    }

    /// <summary>Takes what is pending: the latest statuses and the changes since the last take; null when nothing is.</summary>
    public (StatusMaps Current, IReadOnlyList<StatusChange> Changes)? Take()
    {
        lock (_gate)
        {
            if (_changes.Count == 0)
            {
                return null;
            }

            IReadOnlyList<StatusChange> changes = [.. _changes.Values];
            _changes.Clear();
            return (_current, changes);
        }
    }
}
