namespace RulesMesh.Rules;

/// <summary>
/// Every rule's step in one verdict decision, in order, and the rule whose verdict decided. Created by the caller for
/// one decision and handed to the pipeline in an <see cref="ITracedContext"/>; the generated pipeline fills it.
/// </summary>
public sealed class RuleTrail
{
    private readonly List<RuleTrace> _steps = [];

    /// <summary>Every rule consulted, in order, including those skipped by their AppliesTo.</summary>
    public IReadOnlyList<RuleTrace> Steps => _steps;

    /// <summary>The first rule whose verdict decided, or null.</summary>
    public string? DecidingRule { get; private set; }

    /// <summary>Records a verdict; returns true when it decides, after which later rules must not run.</summary>
    public bool Record(string rule, IRuleVerdict verdict)
    {
        _steps.Add(new RuleTrace(rule, verdict.Outcome, verdict.Reason));
        if (verdict.Decides)
        {
            DecidingRule ??= rule;
        }

        return verdict.Decides;
    }

    /// <summary>Records that a rule did not apply to the object.</summary>
    public void Skip(string rule, string reason) => _steps.Add(new RuleTrace(rule, "NotApplicable", reason));
}
