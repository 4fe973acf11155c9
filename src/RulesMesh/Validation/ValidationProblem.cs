namespace RulesMesh.Validation;

/// <summary>One reason to refuse an object.</summary>
/// <param name="FieldPath">The field at fault, e.g. <c>spec.hosts[0]</c>; empty for the object as a whole.</param>
/// <param name="Message">What is wrong, as a sentence without a final period, e.g. "a host must be a DNS name, not an IP address".</param>
public sealed record ValidationProblem(string FieldPath, string Message);
