using k8s;
using k8s.Models;
using RulesMesh.Mesh;

namespace RulesMesh.Rules;

/// <summary>Service model stage: turns one kind of object into a <see cref="MeshService"/>. The first rule that returns one wins.</summary>
/// <typeparam name="TResource">The kind the rule reads.</typeparam>
public interface IServiceModelRule<in TResource>
    where TResource : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>Builds the service, or returns null to leave the object to the next rule.</summary>
    MeshService? Build(TResource resource, RuleContext context);
}
