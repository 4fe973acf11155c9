using RulesMesh.Mesh;
using RulesMesh.Models.NetworkingIstioIo.V1;
using RulesMesh.Rules;

namespace RulesMesh.ServiceModel;

/// <summary>
/// kgateway's <c>FromServiceEntry</c> (docs/spec/kgateway-waypoint.md §4): a <c>networking.istio.io/v1</c> ServiceEntry becomes a
/// <see cref="MeshService"/> whose VIPs are <c>spec.addresses</c> then the auto-allocated <c>status.addresses</c>, whose
/// hostnames are <c>spec.hosts</c>, and which answers to one <c>networking.istio.io/Hostname</c> alias per host.
/// </summary>
[Rule("service-model.serviceentry", Order = 200,
    Description = "A ServiceEntry's VIPs are spec.addresses then status.addresses, its hostnames spec.hosts, a port's protocol ports[].protocol, and each host is a Hostname alias unless it has no ports or resolution NONE.")]
// Literals and full type names throughout: the rules generator runs beside the model generator, does not see the
// generated models, and so copies their names exactly as written here.
[AppliesTo("networking.istio.io", "ServiceEntry")]
public sealed class ServiceEntryModel : IServiceModelRule<global::RulesMesh.Models.NetworkingIstioIo.V1.ServiceEntry>
{
    /// <inheritdoc />
    public MeshService? Build(ServiceEntry resource, RuleContext context) => ServiceEntryServices.From(resource, resource);
}
