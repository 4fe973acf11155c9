using RulesMesh.Engine;
using RulesMesh.Server.Control;

namespace RulesMesh.Server.Tests.Control;

/// <summary>Records every call it gets; a test awaits the n-th.</summary>
internal sealed class RecordingStatusWriter : IStatusWriter
{
    private readonly Lock _gate = new();
    private readonly List<(StatusMaps Current, IReadOnlyList<StatusChange> Changes)> _calls = [];
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];

    public IReadOnlyList<(StatusMaps Current, IReadOnlyList<StatusChange> Changes)> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public Task WriteAsync(StatusMaps current, IReadOnlyList<StatusChange> changes, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _calls.Add((current, changes));
            foreach (var waiter in _waiters.Where(w => w.Count <= _calls.Count))
            {
                waiter.Reached.TrySetResult();
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Completes once <paramref name="count"/> calls have been made.</summary>
    public Task CallsReached(int count)
    {
        lock (_gate)
        {
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_calls.Count >= count)
            {
                reached.SetResult();
            }
            else
            {
                _waiters.Add((count, reached));
            }

            return reached.Task.WaitAsync(ControlPlaneHarness.Patience);
        }
    }
}
