using RulesMesh.Mesh;
using RulesMesh.Rules;
using V1alpha3ServiceEntry = RulesMesh.Models.NetworkingIstioIo.V1alpha3.ServiceEntry;
using V1ServiceEntry = RulesMesh.Models.NetworkingIstioIo.V1.ServiceEntry;

namespace RulesMesh.ServiceModel;

/// <summary>
/// The <c>networking.istio.io/v1alpha3</c> ServiceEntry, modelled exactly as v1 (<see cref="ServiceEntryModel"/>): the
/// version's schema is the same, so older manifests capture and route the same way.
/// </summary>
[Rule("service-model.serviceentry-v1alpha3", Order = 220,
    Description = "A networking.istio.io/v1alpha3 ServiceEntry is modelled exactly as a v1 one.")]
// Literals and full type names throughout: the rules generator runs beside the model generator, does not see the
// generated models, and so copies their names exactly as written here.
[AppliesTo("networking.istio.io", "ServiceEntry")]
public sealed class ServiceEntryV1alpha3Model : IServiceModelRule<global::RulesMesh.Models.NetworkingIstioIo.V1alpha3.ServiceEntry>
{
    /// <inheritdoc />
    public MeshService? Build(V1alpha3ServiceEntry resource, RuleContext context)
        => ServiceEntryServices.From(SameSchemaModel.Convert<V1ServiceEntry>(resource), resource);
}
