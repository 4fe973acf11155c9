using k8s.Models;
using RulesMesh.Store;

namespace RulesMesh.Translation.Backends;

/// <summary>
/// A Pod's labels and locality as kgateway's augmented Pod collection sees them
/// (docs/spec/kgateway-destinationrule-priorities.md §B1): the Pod's own labels; when the Node named by
/// <c>spec.nodeName</c> exists, its non-empty region, zone and subzone labels over the Pod's and
/// <c>kubernetes.io/hostname</c> the Node's name. The locality is the Node's alone (the Pod's own topology labels never
/// make one). The same reading serves the proxy asking for configuration and every Pod endpoint.
/// </summary>
internal static class PodIdentity
{
    /// <summary>The augmented labels of <paramref name="pod"/>, its Node looked up in <paramref name="store"/>.</summary>
    public static EndpointLabels Labels(V1Pod pod, ResourceStore store)
    {
        var nodeName = pod.Spec?.NodeName;
        var node = string.IsNullOrEmpty(nodeName) ? null : store.Get<V1Node>(string.Empty, nodeName);
        return Labels(pod, node);
    }

    /// <summary>The augmented labels of <paramref name="pod"/> running on <paramref name="node"/> (null: no such Node).</summary>
    public static EndpointLabels Labels(V1Pod pod, V1Node? node)
    {
        var own = pod.Metadata?.Labels;
        IReadOnlyDictionary<string, string>? labels = own as IReadOnlyDictionary<string, string> ?? own?.AsReadOnly();
        if (node is null)
        {
            return new EndpointLabels(EndpointLocality.None, null, null, labels);
        }

        var nodeLabels = node.Metadata?.Labels;
        var locality = EndpointLocality.FromLabels(nodeLabels as IReadOnlyDictionary<string, string> ?? nodeLabels?.AsReadOnly());
        return new EndpointLabels(locality, null, node.Metadata?.Name, labels);
    }

    /// <summary>
    /// The flat label map of <paramref name="identity"/>: its own labels with the locality parts, network and node
    /// written over them where they are non-empty.
    /// </summary>
    public static Dictionary<string, string> Flatten(in EndpointLabels identity)
    {
        var labels = identity.Labels is { } own ? new Dictionary<string, string>(own, StringComparer.Ordinal) : new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in EndpointLabels.NodeKeys.Append(EndpointLabels.NetworkLabel))
        {
            if (identity.Get(key) is { Length: > 0 } value)
            {
                labels[key] = value;
            }
        }

        return labels;
    }
}
