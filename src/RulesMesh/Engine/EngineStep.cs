namespace RulesMesh.Engine;

/// <summary>What one <see cref="TranslationEngine.Apply"/> produced: the new state and what changed since the last one.</summary>
public sealed class EngineStep
{
    private readonly Lazy<ChangeSet> _changes;

    internal EngineStep(EngineState state, Func<ChangeSet> changes)
    {
        State = state;
        _changes = new Lazy<ChangeSet>(changes);
    }

    /// <summary>The state after the step.</summary>
    public EngineState State { get; }

    /// <summary>The change set from the previous state (computed on first use: a batch run that only prints the state never needs it).</summary>
    public ChangeSet Changes => _changes.Value;
}
