using k8s.Models;
using RulesMesh.Mesh;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;

namespace RulesMesh.Rules;

/// <summary>The namespaces, Gateways and GatewayClasses a <see cref="RuleContext"/> was given; a kind not given has none.</summary>
internal sealed class GivenRuleObjects(
    IReadOnlyDictionary<string, V1Namespace> namespaces,
    IReadOnlyDictionary<NamespacedName, Gateway>? gateways,
    IReadOnlyDictionary<string, GatewayClass>? gatewayClasses) : IRuleLookup
{
    public V1Namespace? Namespace(string name) => namespaces.GetValueOrDefault(name);

    public Gateway? Gateway(NamespacedName name) => gateways?.GetValueOrDefault(name);

    public GatewayClass? GatewayClass(string name) => gatewayClasses?.GetValueOrDefault(name);
}
