using System.Globalization;
using Envoy.Config.Core.V3;
using Envoy.Config.Endpoint.V3;
using Google.Protobuf.WellKnownTypes;
using RulesMesh.Mesh;
using RulesMesh.Translation.Backends;

namespace RulesMesh.Translation.Istio;

/// <summary>
/// The EDS endpoints of a waypoint's clusters (docs/spec/istio-waypoint-output.md §3, EDS for inbound-vip): the endpoints the
/// endpoints stage finds for the backend, where an HBONE-capable workload's endpoint becomes the internal address of
/// <c>connect_originate</c> with its <c>&lt;ip&gt;:&lt;port&gt;</c> as the original destination; others stay plain
/// socket addresses. Every endpoint of a known workload carries <c>istio.workload</c>. On an outbound cluster, a plain
/// endpoint of a workload labelled <c>security.istio.io/tlsMode: istio</c> is marked for its <c>tlsMode-istio</c> socket
/// (<see cref="IstioAutoMtls"/>, as understood, not checked against the source).
/// </summary>
internal static class IstioWaypointEndpoints
{
    /// <summary>
    /// The assignment of <paramref name="backend"/>, keeping only endpoints with every label of <paramref name="subset"/>
    /// when given (a workload's labels, else the endpoint's own, as a ServiceEntry's inline endpoints have);
    /// <paramref name="socketMatch"/> marks tunnelled endpoints for an outbound cluster's <c>hbone</c> socket and
    /// Istio-mTLS ones for its <c>tlsMode-istio</c> socket.
    /// </summary>
    public static BackendEndpoints Build(BackendObject backend, IReadOnlyDictionary<string, string>? subset, bool socketMatch, TranslationContext context)
    {
        if (context.Pipeline.Stage<IEndpointsRule>().BuildEndpoints(backend, context) is not { } found)
        {
            return new ClusterLoadAssignment { ClusterName = backend.ClusterName };
        }

        var workloads = IstioWorkloadIndex.For(context);
        if (found.Labelled is not { } labelled)
        {
            // Endpoints built elsewhere, without labels: kept by locality as they are, judged by their workload alone.
            var result = new ClusterLoadAssignment { ClusterName = backend.ClusterName };
            foreach (var group in found.Assignment.Endpoints)
            {
                var kept = new LocalityLbEndpoints { Locality = group.Locality?.Clone(), Priority = group.Priority, LoadBalancingWeight = group.LoadBalancingWeight };
                foreach (var endpoint in group.LbEndpoints)
                {
                    if (Kept(endpoint, own: null) is { } shaped)
                    {
                        kept.LbEndpoints.Add(shaped);
                    }
                }

                if (kept.LbEndpoints.Count > 0)
                {
                    result.Endpoints.Add(kept);
                }
            }

            return result;
        }

        // The endpoints keep their labels, so that the backend policies can still split them into priorities
        // (DestinationRule failover, traffic distribution).
        var collector = new LocalityEndpoints();
        foreach (var (endpoint, labels) in labelled)
        {
            if (Kept(endpoint, labels.Labels) is { } shaped)
            {
                collector.Add(collector.Locality(labels.Locality), labels, shaped);
            }
        }

        return collector.Build(backend.ClusterName, backend.Key, context);

        // An endpoint that is no known workload (a ServiceEntry's inline endpoint) is judged by its own labels: the
        // subset's, and the tunnel label that makes it HBONE-capable.
        LbEndpoint? Kept(LbEndpoint endpoint, IReadOnlyDictionary<string, string>? own)
        {
            var socket = endpoint.Endpoint?.Address?.SocketAddress;
            var workload = socket is null ? null : workloads.At(socket.Address);
            own = workload is null ? own : null;
            if (subset is { Count: > 0 } && !(workload?.Matches(subset) ?? LabelSelector.Matches(subset, own)))
            {
                return null;
            }

            return Shape(endpoint.Clone(), socket, workload, workload?.Hbone ?? IstioWorkload.Tunnels(own), socketMatch);
        }
    }

    private static LbEndpoint Shape(LbEndpoint endpoint, SocketAddress? socket, IstioWorkload? workload, bool hbone, bool socketMatch)
    {
        // §3: every endpoint carries its health status; istiod sends only healthy ones, as HEALTHY.
        endpoint.HealthStatus = HealthStatus.Healthy;
        // An endpoint of no known workload keeps its own metadata unless it tunnels.
        if (socket is null || (workload is null && !hbone))
        {
            return endpoint;
        }

        endpoint.Metadata ??= new Metadata();
        if (workload is not null)
        {
            endpoint.Metadata.FilterMetadata["istio"] = new Struct { Fields = { ["workload"] = Value.ForString(workload.IstioMetadata) } };
        }

        if (!hbone)
        {
            // The workload decides (the endpoints rule shared with kgateway marks by the label's presence alone).
            if (socketMatch && workload is { IstioMtls: true })
            {
                endpoint.Metadata.FilterMetadata[IstioMtls.TransportSocketMatch] = new Struct { Fields = { ["tlsMode"] = Value.ForString(IstioAutoMtls.IstioMode) } };
            }
            else if (socketMatch && workload is not null)
            {
                endpoint.Metadata.FilterMetadata.Remove(IstioMtls.TransportSocketMatch);
            }

            return endpoint;
        }

        var target = string.Create(CultureInfo.InvariantCulture, $"{socket.Address}:{socket.PortValue}");
        endpoint.Endpoint.Address = IstioWaypointClusters.InternalAddress(IstioWaypointNames.ConnectOriginate, target);
        endpoint.Metadata.FilterMetadata[IstioWaypointNames.OriginalDstMetadata] = new Struct { Fields = { ["local"] = Value.ForString(target) } };
        if (socketMatch)
        {
            endpoint.Metadata.FilterMetadata["envoy.transport_socket_match"] = new Struct { Fields = { ["tunnel"] = Value.ForString("http") } };
        }

        return endpoint;
    }
}
