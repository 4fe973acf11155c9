namespace RulesMesh.Loading;

/// <summary>What <see cref="ManifestReader"/> made of one YAML or JSON text.</summary>
/// <param name="Documents">The non-empty documents that parsed, in order.</param>
/// <param name="Errors">One error for each document that is not valid YAML, has no JSON form or goes beyond a limit.</param>
/// <param name="Warnings">Values that Kubernetes would read differently (YAML 1.1 booleans and octal numbers).</param>
public sealed record ManifestReadResult(IReadOnlyList<ManifestDocument> Documents, IReadOnlyList<LoadDiagnostic> Errors, IReadOnlyList<LoadDiagnostic> Warnings)
{
    /// <summary>True when reading stopped at <see cref="LoaderLimits.MaxDocuments"/>: the rest of the text was not read.</summary>
    public bool ReachedDocumentLimit { get; init; }
}
