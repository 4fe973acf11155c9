namespace RulesMesh.Rules;

/// <summary>Collects waypoint verdicts in rule order: any failure rules a Gateway out, and at least one pass is needed. Used by generated pipelines.</summary>
public sealed class WaypointTrail
{
    private readonly List<RuleTrace> _trace = [];
    private readonly List<string> _passReasons = [];
    private string? _failedBy;
    private string? _failReason;
    private string? _passedBy;

    /// <summary>Records a verdict; returns true on a failure, after which later rules must not run.</summary>
    public bool Record(string rule, GateVerdict verdict)
    {
        _trace.Add(new RuleTrace(rule, verdict.Outcome.ToString(), verdict.Reason));
        switch (verdict.Outcome)
        {
            case GateOutcome.Fail:
                _failedBy = rule;
                _failReason = verdict.Reason;
                return true;
            case GateOutcome.Pass:
                _passedBy = rule;
                _passReasons.Add(verdict.Reason);
                return false;
            default:
                return false;
        }
    }

    /// <summary>The decision.</summary>
    public WaypointDecision Finish()
        => _failedBy is not null ? new WaypointDecision(false, _failedBy, _failReason!, _trace)
            : _passedBy is not null ? new WaypointDecision(true, _passedBy, string.Join("; ", _passReasons), _trace)
            : new WaypointDecision(false, null, _trace.Count == 0 ? "no waypoint rule is active in this profile" : "no rule accepted it as a waypoint", _trace);
}
