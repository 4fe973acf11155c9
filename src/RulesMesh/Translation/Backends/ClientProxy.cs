using k8s.Models;
using RulesMesh.Rules;
using RulesMesh.Store;

namespace RulesMesh.Translation.Backends;

/// <summary>Describes the proxy asking for configuration from the Pod it runs in, for endpoint priorities.</summary>
public static class ClientProxy
{
    /// <summary>
    /// <paramref name="settings"/> with <see cref="EngineSettings.ClientLocality"/> and
    /// <see cref="EngineSettings.ClientLabels"/> of Pod <paramref name="ns"/>/<paramref name="name"/>: the locality from
    /// its Node's topology labels, the labels its own with the Node's topology labels and <c>kubernetes.io/hostname</c>
    /// (the Node) written over them, as Istio sees a proxy. Unchanged when there is no such Pod.
    /// </summary>
    public static EngineSettings ForPod(this EngineSettings settings, ResourceStore store, string ns, string name)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(store);
        if (store.Get<V1Pod>(ns, name) is not { } pod)
        {
            return settings;
        }

        var node = pod.Spec?.NodeName;
        var nodeLabels = string.IsNullOrEmpty(node) ? null : store.Get<V1Node>(string.Empty, node)?.Metadata?.Labels;
        var locality = EndpointLocality.FromLabels(nodeLabels is null ? null : new Dictionary<string, string>(nodeLabels, StringComparer.Ordinal));
        var labels = pod.Metadata?.Labels is { } own ? new Dictionary<string, string>(own, StringComparer.Ordinal) : new Dictionary<string, string>(StringComparer.Ordinal);
        var augmented = new EndpointLabels(locality, null, node, labels);
        foreach (var key in EndpointLabels.NodeKeys)
        {
            if (augmented.Get(key) is { Length: > 0 } value)
            {
                labels[key] = value;
            }
        }

        return settings with
        {
            ClientLocality = locality.IsNone ? settings.ClientLocality : $"{locality.Region}/{locality.Zone}/{locality.Subzone}",
            ClientLabels = labels,
        };
    }
}
