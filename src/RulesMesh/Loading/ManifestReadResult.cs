namespace RulesMesh.Loading;

/// <summary>What <see cref="ManifestReader"/> made of one YAML or JSON text.</summary>
/// <param name="Documents">The non-empty documents that parsed, in order.</param>
/// <param name="Errors">One error for each document that is not valid YAML or has no JSON form.</param>
public sealed record ManifestReadResult(IReadOnlyList<ManifestDocument> Documents, IReadOnlyList<LoadDiagnostic> Errors);
