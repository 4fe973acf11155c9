namespace RulesMesh.Loading;

/// <summary>One way a manifest breaks its kind's schema.</summary>
/// <param name="FieldPath">The field concerned, e.g. <c>spec.ports[0].number</c>.</param>
/// <param name="Message">What is wrong with it, e.g. "is not one of the allowed values".</param>
public sealed record SchemaViolation(string FieldPath, string Message);
