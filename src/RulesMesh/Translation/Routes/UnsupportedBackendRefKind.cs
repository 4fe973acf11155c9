using RulesMesh.Rules;

namespace RulesMesh.Translation.Routes;

/// <summary>The last backendRef rule: a kind no earlier rule resolved is not supported (Gateway API reason InvalidKind).</summary>
[Rule("kgateway.backends.unsupported-backend-kind", Order = 690,
    Description = "A backendRef of a kind no other rule resolves fails with InvalidKind.")]
public sealed class UnsupportedBackendRefKind : IBackendRefRule
{
    /// <inheritdoc />
    public BackendResolution? ResolveBackendRef(BackendRefRequest request, TranslationContext context)
        => BackendResolution.Failed(
            BackendRefs.InvalidKind,
            $"referencing unsupported backendRef: group \"{BackendRefs.Group(request)}\" kind \"{BackendRefs.Kind(request)}\"");
}
