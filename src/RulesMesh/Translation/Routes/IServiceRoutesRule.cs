using RulesMesh.Mesh;
using RulesMesh.Rules;

namespace RulesMesh.Translation.Routes;

/// <summary>Routes stage: the routes parented to a service (by Service, ServiceEntry or Hostname parentRefs).</summary>
[StageContract(RuleStage.Routes)]
public interface IServiceRoutesRule
{
    /// <summary>The attached routes, or null to leave it to the next rule.</summary>
    IReadOnlyList<AttachedRoute>? ServiceRoutes(MeshService service, TranslationContext context);
}
