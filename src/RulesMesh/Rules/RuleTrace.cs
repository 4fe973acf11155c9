namespace RulesMesh.Rules;

/// <summary>One rule's step in a decision: which rule, what it said, and why.</summary>
public sealed record RuleTrace(string Rule, string Outcome, string Reason);
