namespace RulesMesh.Rules;

/// <summary>A rule as compiled into a pipeline: what it is called, where it runs, and where it came from.</summary>
public sealed record RuleInfo(string Name, RuleStage Stage, int Order, string TypeName, string? Description, string? Replaced);
