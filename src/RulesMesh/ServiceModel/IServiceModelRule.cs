using k8s;
using k8s.Models;
using RulesMesh.Mesh;
using RulesMesh.Rules;

namespace RulesMesh.ServiceModel;

/// <summary>
/// Service model stage: turns one kind of object into a <see cref="MeshService"/>. The first rule that returns one wins.
/// The generated pipeline implements it for every Kubernetes object (<c>IServiceModelRule&lt;IKubernetesObject&lt;V1ObjectMeta&gt;&gt;</c>)
/// and calls each rule only with objects of the rule's kind.
/// </summary>
/// <typeparam name="TResource">The kind the rule reads.</typeparam>
[StageContract(RuleStage.ServiceModel)]
public interface IServiceModelRule<in TResource>
    where TResource : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>Builds the service, or returns null to leave the object to the next rule.</summary>
    MeshService? Build(TResource resource, RuleContext context);
}
