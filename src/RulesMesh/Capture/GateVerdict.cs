using RulesMesh.Rules;

namespace RulesMesh.Capture;

/// <summary>What one waypoint rule says about one Gateway.</summary>
public enum GateOutcome
{
    /// <summary>The rule has no opinion.</summary>
    Abstain,

    /// <summary>The Gateway meets the rule's requirement; later rules still run.</summary>
    Pass,

    /// <summary>The rule rules the Gateway out; no later rule can bring it back.</summary>
    Fail,
}

/// <summary>A waypoint rule's answer about a Gateway, with the reason. Only a failure decides.</summary>
public readonly record struct GateVerdict(GateOutcome Outcome, string Reason) : IRuleVerdict
{
    /// <inheritdoc />
    public bool Decides => Outcome == GateOutcome.Fail;

    string IRuleVerdict.Outcome => Outcome.ToString();

    /// <summary>No opinion.</summary>
    public static GateVerdict Abstain(string reason) => new(GateOutcome.Abstain, reason);

    /// <summary>The requirement is met.</summary>
    public static GateVerdict Pass(string reason) => new(GateOutcome.Pass, reason);

    /// <summary>Ruled out.</summary>
    public static GateVerdict Fail(string reason) => new(GateOutcome.Fail, reason);
}
