using System.Collections.ObjectModel;
using k8s.Models;
using RulesMesh.Mesh;
using RulesMesh.Models.NetworkingIstioIo.V1;

namespace RulesMesh.Capture;

/// <summary>A Pod or WorkloadEntry with an address, as workload waypoint binding reads it.</summary>
/// <param name="Kind">Pod or WorkloadEntry.</param>
/// <param name="Name">Its namespace and name.</param>
/// <param name="Address">Its IP (a Pod's <c>status.podIP</c>, a WorkloadEntry's <c>spec.address</c>).</param>
/// <param name="Labels">Its metadata labels (where <c>istio.io/use-waypoint</c> is read).</param>
public sealed record MeshWorkload(string Kind, NamespacedName Name, string Address, IReadOnlyDictionary<string, string> Labels)
{
    /// <summary>A Pod, or null without an IP.</summary>
    public static MeshWorkload? Of(V1Pod pod)
        => pod.Status?.PodIP is { Length: > 0 } ip
            ? new("Pod", new NamespacedName(pod.Metadata?.NamespaceProperty ?? string.Empty, pod.Metadata?.Name ?? string.Empty), ip, LabelsOf(pod.Metadata))
            : null;

    /// <summary>A WorkloadEntry, or null without an address.</summary>
    public static MeshWorkload? Of(WorkloadEntry entry)
        => entry.Spec.Address is { Length: > 0 } address
            ? new("WorkloadEntry", new NamespacedName(entry.Metadata?.NamespaceProperty ?? string.Empty, entry.Metadata?.Name ?? string.Empty), address, LabelsOf(entry.Metadata))
            : null;

    // The loaded object's own map, read only like the object itself: one per workload would double what the engine keeps.
    private static IReadOnlyDictionary<string, string> LabelsOf(V1ObjectMeta? metadata)
        => metadata?.Labels switch
        {
            null or { Count: 0 } => ReadOnlyDictionary<string, string>.Empty,
            IReadOnlyDictionary<string, string> labels => labels,
            var labels => labels.AsReadOnly(),
        };
}
