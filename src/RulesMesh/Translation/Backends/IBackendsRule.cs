using RulesMesh.Mesh;
using RulesMesh.Rules;

namespace RulesMesh.Translation.Backends;

/// <summary>Backends stage: the backends (future clusters) of one service; an empty list means none (e.g. resolution NONE).</summary>
[StageContract(RuleStage.Backends)]
public interface IBackendsRule
{
    /// <summary>The service's backends, or null to leave it to the next rule.</summary>
    IReadOnlyList<BackendObject>? Backends(MeshService service, TranslationContext context);
}
