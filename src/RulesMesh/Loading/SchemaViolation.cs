namespace RulesMesh.Loading;

/// <summary>One way a manifest breaks its kind's schema.</summary>
/// <param name="FieldPath">The field concerned, e.g. <c>spec.ports[0].number</c>.</param>
/// <param name="Message">What is wrong with it, e.g. "is not one of the allowed values".</param>
/// <param name="IsUnknownField">Whether the field is one the schema does not declare at all.</param>
public sealed record SchemaViolation(string FieldPath, string Message, bool IsUnknownField = false);
