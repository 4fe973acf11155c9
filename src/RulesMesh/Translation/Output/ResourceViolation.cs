using RulesMesh.Xds.Constraints;

namespace RulesMesh.Translation.Output;

/// <summary>A resource of a snapshot that breaks a rule Envoy's protos declare, so Envoy would refuse it.</summary>
/// <param name="Type">The resource's type in words: cluster, endpoints, listener, route configuration.</param>
/// <param name="Name">The resource's name (the cluster's name for endpoints).</param>
/// <param name="Violation">The field and the rule it breaks.</param>
public sealed record ResourceViolation(string Type, string Name, ConstraintViolation Violation)
{
    /// <inheritdoc />
    public override string ToString() => $"{Type} {Name}: {Violation}";
}
