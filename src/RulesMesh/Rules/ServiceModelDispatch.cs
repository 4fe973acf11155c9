using k8s;
using k8s.Models;
using RulesMesh.Mesh;

namespace RulesMesh.Rules;

/// <summary>
/// Calls a service-model rule when the object is of the rule's kind. Generated pipelines call it with the rule
/// instance so the compiler infers the kind: the rules generator cannot name model types that the model generator
/// writes into the same compilation, since generators do not see each other's output.
/// </summary>
public static class ServiceModelDispatch
{
    /// <summary>The service <paramref name="rule"/> builds from <paramref name="resource"/>, or null when it is not a <typeparamref name="TResource"/>.</summary>
    public static MeshService? Build<TResource>(IServiceModelRule<TResource> rule, IKubernetesObject<V1ObjectMeta> resource, RuleContext context)
        where TResource : IKubernetesObject<V1ObjectMeta>
        => resource is TResource typed ? rule.Build(typed, context) : null;
}
