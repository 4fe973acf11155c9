namespace RulesMesh.Rules;

/// <summary>What one waypoint rule says about one Gateway.</summary>
public enum GateOutcome
{
    /// <summary>The rule has no opinion.</summary>
    Abstain,

    /// <summary>The rule accepts the Gateway as a waypoint for services.</summary>
    Pass,

    /// <summary>The rule rules the Gateway out; no later rule can bring it back.</summary>
    Fail,
}

/// <summary>A waypoint rule's answer about a Gateway, with the reason.</summary>
public readonly record struct GateVerdict(GateOutcome Outcome, string Reason)
{
    /// <summary>No opinion.</summary>
    public static GateVerdict Abstain(string reason) => new(GateOutcome.Abstain, reason);

    /// <summary>Accepted.</summary>
    public static GateVerdict Pass(string reason) => new(GateOutcome.Pass, reason);

    /// <summary>Ruled out.</summary>
    public static GateVerdict Fail(string reason) => new(GateOutcome.Fail, reason);
}
