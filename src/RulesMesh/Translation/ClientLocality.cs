using k8s.Models;
using RulesMesh.Mesh;
using RulesMesh.Store;

namespace RulesMesh.Translation;

/// <summary>
/// The locality (<c>region/zone/subzone</c>) of the proxy that asks for configuration, against which endpoint
/// priorities are computed: given directly, or read from a Pod's Node topology labels.
/// </summary>
public static class ClientLocality
{
    /// <summary>The Node label that gives the region.</summary>
    public const string RegionLabel = "topology.kubernetes.io/region";

    /// <summary>The Node label that gives the zone.</summary>
    public const string ZoneLabel = "topology.kubernetes.io/zone";

    /// <summary>The Node label that gives Istio's subzone.</summary>
    public const string SubzoneLabel = "topology.istio.io/subzone";

    /// <summary>
    /// The locality of Pod <paramref name="pod"/>: its Node's region, zone and subzone labels. Null, with the reason in
    /// <paramref name="problem"/>, when the Pod or its Node is not among the resources.
    /// </summary>
    public static string? FromPod(ResourceStore store, NamespacedName pod, out string? problem)
    {
        var found = store.Get<V1Pod>(pod.Namespace, pod.Name);
        if (found is null)
        {
            problem = $"Pod {pod} is not in the input";
            return null;
        }

        if (found.Spec?.NodeName is not { Length: > 0 } nodeName)
        {
            problem = $"Pod {pod} is not scheduled on a Node (spec.nodeName is empty)";
            return null;
        }

        if (store.Get<V1Node>(string.Empty, nodeName) is not { } node)
        {
            problem = $"Node {nodeName} of Pod {pod} is not in the input";
            return null;
        }

        problem = null;
        IReadOnlyDictionary<string, string> labels = node.Metadata?.Labels?.AsReadOnly() ?? new Dictionary<string, string>().AsReadOnly();
        return $"{labels.GetValueOrDefault(RegionLabel)}/{labels.GetValueOrDefault(ZoneLabel)}/{labels.GetValueOrDefault(SubzoneLabel)}";
    }

    /// <summary>Whether <paramref name="text"/> has the form <c>region/zone/subzone</c> (parts may be empty).</summary>
    public static bool IsValid(string text) => text.Count(static c => c == '/') == 2;
}
