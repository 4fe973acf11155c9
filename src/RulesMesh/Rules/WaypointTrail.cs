namespace RulesMesh.Rules;

/// <summary>Collects waypoint verdicts in rule order: any failure rules a Gateway out, and at least one pass is needed. Used by generated pipelines.</summary>
public sealed class WaypointTrail
{
    private readonly List<RuleTrace> _trace = [];
    private string? _failedBy;
    private string? _passedBy;
    private string _reason = "no waypoint rule is active in this profile";

    /// <summary>Records a verdict; returns true on a failure, after which later rules must not run.</summary>
    public bool Record(string rule, GateVerdict verdict)
    {
        _trace.Add(new RuleTrace(rule, verdict.Outcome.ToString(), verdict.Reason));
        switch (verdict.Outcome)
        {
            case GateOutcome.Fail:
                _failedBy = rule;
                _reason = verdict.Reason;
                return true;
            case GateOutcome.Pass:
                _passedBy = rule;
                _reason = _passedBy == rule && _trace.Count(t => t.Outcome == nameof(GateOutcome.Pass)) > 1 ? _reason + "; " + verdict.Reason : verdict.Reason;
                return false;
            default:
                return false;
        }
    }

    /// <summary>The decision.</summary>
    public WaypointDecision Finish()
        => _failedBy is not null ? new WaypointDecision(false, _failedBy, _reason, _trace)
            : _passedBy is not null ? new WaypointDecision(true, _passedBy, _reason, _trace)
            : new WaypointDecision(false, null, _trace.Count == 0 ? _reason : "no rule accepted it as a waypoint", _trace);
}
