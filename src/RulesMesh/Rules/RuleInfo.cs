namespace RulesMesh.Rules;

/// <summary>A rule as compiled into a pipeline: what it is called, where it runs, and where it came from.</summary>
/// <param name="Name">The rule's unique name.</param>
/// <param name="Stage">The stage of its contract.</param>
/// <param name="Contract">The stage contract it implements, by full name.</param>
/// <param name="Order">Its <see cref="RuleAttribute.Order"/>.</param>
/// <param name="TypeName">The rule class, by full name.</param>
/// <param name="Description">Its description.</param>
/// <param name="Replaced">The rule it takes the place of in this profile, if any.</param>
public sealed record RuleInfo(string Name, RuleStage Stage, string Contract, int Order, string TypeName, string? Description, string? Replaced);
