using RulesMesh.Rules;

namespace RulesMesh.Translation.Backends;

/// <summary>
/// kgateway's endpoints of an EDS ServiceEntry (resolution STATIC with a non-empty <c>workloadSelector</c>, docs/spec/kgateway-waypoint.md §3.4):
/// the Ready, non-terminating Pods and the WorkloadEntries its selector picks in its own namespace, the same for every
/// host of the entry. Each endpoint's port is the WorkloadEntry's <c>ports[&lt;port name&gt;]</c>, else the port's
/// <c>targetPort</c>, else its number; its weight the WorkloadEntry's <c>weight</c> or 1; it carries Istio's mTLS metadata
/// when the entry is MESH_INTERNAL and the workload is labelled <c>security.istio.io/tlsMode</c>. Endpoints are grouped
/// by locality (a Pod's from its Node); an address and port appears once. Priorities come later, from policies.
/// </summary>
[Rule("kgateway.backends.serviceentry-endpoints", Order = 510,
    Description = "An EDS ServiceEntry's endpoints are the ready Pods and the WorkloadEntries its workloadSelector picks in its namespace, on the mapped port, grouped by locality, with Istio mTLS metadata when MESH_INTERNAL.")]
[AppliesTo("networking.istio.io", "ServiceEntry")]
public sealed class ServiceEntryEndpoint : IEndpointsRule
{
    /// <inheritdoc />
    public BackendEndpoints? BuildEndpoints(BackendObject backend, TranslationContext context)
        => ServiceEntryWorkloadEndpoints.Build(backend, context, containerPorts: false);
}
