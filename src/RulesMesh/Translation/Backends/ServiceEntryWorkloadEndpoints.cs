namespace RulesMesh.Translation.Backends;

/// <summary>
/// The endpoints of an EDS ServiceEntry (resolution STATIC with a non-empty <c>workloadSelector</c>), as both profiles
/// build them (docs/spec/kgateway-waypoint.md §3.4): the workloads the selector picks, grouped by locality, an address and
/// port once, with Istio's mTLS metadata when the entry is MESH_INTERNAL and the workload is labelled
/// <c>security.istio.io/tlsMode</c>. The profiles differ only in a Pod's port (<see cref="Build"/>).
/// </summary>
internal static class ServiceEntryWorkloadEndpoints
{
    /// <summary>
    /// The endpoints of <paramref name="backend"/>, or null when it is no EDS ServiceEntry. Each endpoint's port is a
    /// WorkloadEntry's <c>ports[&lt;port name&gt;]</c>; with <paramref name="containerPorts"/>, a Pod's first TCP
    /// container port of that name; else the entry port's <c>targetPort</c>, else its number.
    /// </summary>
    public static BackendEndpoints? Build(BackendObject backend, TranslationContext context, bool containerPorts)
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
                var port = (portName is null ? null : workload.Port(portName, containerPorts)) ?? defaultPort;
                if (seen is null || seen.Add((workload.Address, port)))
                {
                    endpoints.Add(group, workload.Labels, workload.Address, port, workload.Weight, IstioMtls.For(meshInternal, workload.Labels.Labels));
                }
            }
        }

        return endpoints.Build(backend.ClusterName, backend.Key, context);
    }
}
