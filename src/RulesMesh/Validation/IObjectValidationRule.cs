using k8s;
using k8s.Models;
using RulesMesh.Rules;

namespace RulesMesh.Validation;

/// <summary>
/// Validation stage: what a validating admission webhook would refuse in one object, beyond its schema. Every such rule
/// runs, in order, and adds what it finds to the problems it is given; an object with a problem is left out of the
/// input as an error at the problem's field. Limit a rule to its kinds with <see cref="AppliesToAttribute"/>; report with
/// <see cref="ValidationProblems.Add"/>.
/// </summary>
[StageContract(RuleStage.Validation)]
public interface IObjectValidationRule
{
    /// <summary>Adds to <paramref name="problems"/> every reason to refuse <paramref name="resource"/>.</summary>
    void Validate(IKubernetesObject<V1ObjectMeta> resource, ValidationProblems problems);
}
