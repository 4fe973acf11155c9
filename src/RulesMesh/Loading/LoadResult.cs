using k8s;
using k8s.Models;

namespace RulesMesh.Loading;

/// <summary>Everything a load produced: the typed resources that could be read, and what went wrong with the rest.</summary>
/// <param name="Resources">Typed resources in source order (files sorted, documents in file order).</param>
/// <param name="Diagnostics">Errors for documents that could not be used, and warnings for skipped kinds.</param>
public sealed record LoadResult(IReadOnlyList<LoadedResource> Resources, IReadOnlyList<LoadDiagnostic> Diagnostics)
{
    /// <summary>
    /// How many documents were loaded straight from their JSON, with no parsed tree (<see cref="TreeFreeReading"/>):
    /// what shows the tests that both ways of loading were taken.
    /// </summary>
    internal int DocumentsReadWithoutTree { get; init; }

    /// <summary>True when some document could not be used.</summary>
    public bool HasErrors => Diagnostics.Any(static diagnostic => diagnostic.Severity == DiagnosticSeverity.Error);

    /// <summary>The loaded objects of model type <typeparamref name="T"/>, in source order.</summary>
    public IEnumerable<T> Objects<T>()
        where T : IKubernetesObject<V1ObjectMeta>
        => Resources.Select(static resource => resource.Object).OfType<T>();
}
