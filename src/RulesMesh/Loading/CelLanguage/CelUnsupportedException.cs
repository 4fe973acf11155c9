namespace RulesMesh.Loading.CelLanguage;

/// <summary>
/// A rule uses part of CEL this compiler does not implement (a function, bytes, maps written in the expression): the
/// rule is then evaluated by the Cel package instead, so nothing enforced before stops being enforced.
/// </summary>
internal sealed class CelUnsupportedException(string feature) : Exception($"not supported by the rule compiler: {feature}");
