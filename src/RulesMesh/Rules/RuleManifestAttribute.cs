namespace RulesMesh.Rules;

/// <summary>
/// Written by the rules generator on every assembly that declares rules, one per rule, so that the rules
/// generator in a referencing project can include them in its pipelines without scanning types.
/// </summary>
/// <param name="ruleType">The rule class.</param>
/// <param name="descriptor">The rule's declaration, encoded by the generator.</param>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public sealed class RuleManifestAttribute(Type ruleType, string descriptor) : Attribute
{
    /// <summary>The rule class.</summary>
    public Type RuleType { get; } = ruleType;

    /// <summary>The encoded declaration.</summary>
    public string Descriptor { get; } = descriptor;
}
