namespace RulesMesh.Xds.Constraints;

/// <summary>A field whose value breaks a rule its proto declares (<c>(validate.rules)</c>), which Envoy would refuse.</summary>
/// <param name="Path">The field, by proto field names from the checked message: <c>load_assignment.endpoints[0].lb_endpoints[1]</c>.</param>
/// <param name="Message">What the rule asks for, in words.</param>
public sealed record ConstraintViolation(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
