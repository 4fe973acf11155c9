namespace RulesMesh.Rules;

/// <summary>
/// Declares a rule. The rules generator finds every class carrying it, in this compilation and in referenced
/// assemblies, and compiles one pipeline per profile into direct calls ordered by <see cref="Order"/>.
/// </summary>
/// <param name="name">A unique, stable name such as <c>kgateway.capture.object-label</c>; <see cref="Replaces"/> refers to it.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RuleAttribute(string name) : Attribute
{
    /// <summary>The rule's unique name.</summary>
    public string Name { get; } = name;

    /// <summary>The stage the rule belongs to. Required.</summary>
    public RuleStage Stage { get; set; }

    /// <summary>Position within the stage; lower runs first. Two rules of one stage and profile may not share it.</summary>
    public int Order { get; set; }

    /// <summary>The name of a rule this one takes the place of, in every profile where both are active.</summary>
    public string? Replaces { get; set; }

    /// <summary>The profile the rule belongs to; null puts it in every profile.</summary>
    public string? Profile { get; set; }

    /// <summary>One sentence a user reads in <c>--explain</c> output and rule listings.</summary>
    public string? Description { get; set; }
}
