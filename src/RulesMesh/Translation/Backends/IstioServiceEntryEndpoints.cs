using RulesMesh.Rules;

namespace RulesMesh.Translation.Backends;

/// <summary>
/// Istio's endpoints of a STATIC ServiceEntry that selects workloads: kgateway's (<see cref="ServiceEntryEndpoint"/>),
/// except that a selected Pod listens on its first TCP container port named like the entry's port when it has one, before
/// the port's <c>targetPort</c> (istiod's workload instance of a Pod carries that port map, and the ServiceEntry conversion
/// reads it as it reads a WorkloadEntry's <c>ports</c>).
/// </summary>
[Rule("istio.backends.serviceentry-endpoints", Order = 510, Profile = "istio", Replaces = "kgateway.backends.serviceentry-endpoints",
    Description = "An EDS ServiceEntry's endpoints are the ready Pods and the WorkloadEntries its workloadSelector picks, a Pod on its container port named like the entry's port.")]
[AppliesTo("networking.istio.io", "ServiceEntry")]
public sealed class IstioServiceEntryEndpoints : IEndpointsRule
{
    /// <inheritdoc />
    public BackendEndpoints? BuildEndpoints(BackendObject backend, TranslationContext context)
        => ServiceEntryWorkloadEndpoints.Build(backend, context, containerPorts: true);
}
