using k8s.Models;
using RulesMesh.Mesh;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;

namespace RulesMesh.Rules;

/// <summary>Where a <see cref="RuleContext"/> finds the objects rules ask for by name: given ones (<see cref="GivenRuleObjects"/>) or the engine's item frame, which records each lookup as a dependency.</summary>
internal interface IRuleLookup
{
    V1Namespace? Namespace(string name);

    Gateway? Gateway(NamespacedName name);

    GatewayClass? GatewayClass(string name);
}
