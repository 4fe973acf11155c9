using RulesMesh.Mesh;

namespace RulesMesh.Rules;

/// <summary>Collects capture verdicts in rule order; the first rule that does not abstain decides. Used by generated pipelines.</summary>
public sealed class CaptureTrail
{
    private readonly List<RuleTrace> _trace = [];
    private CaptureDecision? _decision;

    /// <summary>Records a verdict; returns true when it is final and later rules must not run.</summary>
    public bool Record(string rule, CaptureVerdict verdict)
    {
        _trace.Add(new RuleTrace(rule, verdict.Outcome.ToString(), verdict.Reason));
        if (verdict.Outcome == CaptureOutcome.Abstain)
        {
            return false;
        }

        _decision = new CaptureDecision(verdict.Outcome == CaptureOutcome.Captured ? verdict.Waypoint : null, rule, verdict.Reason, _trace);
        return true;
    }

    /// <summary>Records that a rule did not apply to the object.</summary>
    public void Skip(string rule, string reason) => _trace.Add(new RuleTrace(rule, "NotApplicable", reason));

    /// <summary>The decision: the final verdict, or "not captured" when every rule abstained.</summary>
    public CaptureDecision Finish()
        => _decision ?? new CaptureDecision(null, null, _trace.Count == 0 ? "no capture rule is active in this profile" : "no rule names a waypoint for it", _trace);
}
