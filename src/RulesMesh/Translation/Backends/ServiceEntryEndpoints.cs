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
    {
        if (ServiceEntrySpecs.Read(backend.Service) is not { } entry || !ServiceEntrySpecs.SelectsWorkloads(entry))
        {
            return null;
        }

        var workloads = ServiceEntryWorkloads.For(backend.Service, entry, context);
        var portName = ServiceEntrySpecs.Port(entry, backend.Port)?.Name;
        var defaultPort = ServiceEntrySpecs.DefaultEndpointPort(backend.Port);
        var meshInternal = ServiceEntrySpecs.IsMeshInternal(entry);
        var endpoints = new LocalityEndpoints(workloads.Count);
        var seen = workloads.SharesAddresses ? new HashSet<(string Address, uint Port)>(workloads.Count) : null;
        var localities = workloads.Localities;
        for (var l = 0; l < localities.Count; l++)
        {
            var (locality, members) = localities[l];
            var group = endpoints.Locality(locality);
            foreach (var workload in members)
            {
                var port = portName is not null && workload.Ports is { } ports && ports.TryGetValue(portName, out var mapped) && mapped > 0 ? mapped : defaultPort;
                if (seen is null || seen.Add((workload.Address, port)))
                {
                    endpoints.Add(group, workload.Labels, workload.Address, port, workload.Weight, IstioMtls.For(meshInternal, workload.Labels.Labels));
                }
            }
        }

        return endpoints.Build(backend.ClusterName, backend.Key, context);
    }
}
