using k8s.Models;
using RulesMesh.Rules;
using RulesMesh.Store;

namespace RulesMesh.Translation.Backends;

/// <summary>Describes the proxy asking for configuration from the Pod it runs in, for endpoint priorities.</summary>
public static class ClientProxy
{
    /// <summary>
    /// The Pod annotations kgateway copies into the proxy's labels (docs/spec/kgateway-destinationrule-priorities.md §B1):
    /// ambient redirection and the Gateway the proxy serves.
    /// </summary>
    public static IReadOnlyList<string> CopiedAnnotations { get; } =
        ["ambient.istio.io/redirection", "gateway.kgateway.dev/gateway-full-name", "gateway.networking.k8s.io/gateway-name"];

    /// <summary>
    /// <paramref name="settings"/> with the client of Pod <paramref name="ns"/>/<paramref name="name"/>
    /// (docs/spec/kgateway-destinationrule-priorities.md §B1): <see cref="EngineSettings.ClientNamespace"/> its namespace;
    /// <see cref="EngineSettings.ClientLocality"/> its Node's region/zone/subzone (unchanged when the Node has none);
    /// <see cref="EngineSettings.ClientLabels"/> its own labels with the Node's non-empty topology labels and
    /// <c>kubernetes.io/hostname</c> (the Node) written over them when the Node exists, plus the
    /// <see cref="CopiedAnnotations"/> it carries. Unchanged when there is no such Pod.
    /// </summary>
    public static EngineSettings ForPod(this EngineSettings settings, ResourceStore store, string ns, string name)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(store);
        if (store.Get<V1Pod>(ns, name) is not { } pod)
        {
            return settings;
        }

        var identity = PodIdentity.Labels(pod, store);
        var labels = PodIdentity.Flatten(identity);
        foreach (var key in CopiedAnnotations)
        {
            if (pod.Metadata?.Annotations?.TryGetValue(key, out var value) == true)
            {
                labels[key] = value;
            }
        }

        var locality = identity.Locality;
        return settings with
        {
            ClientNamespace = ns,
            ClientLocality = locality.IsNone ? settings.ClientLocality : $"{locality.Region}/{locality.Zone}/{locality.Subzone}",
            ClientLabels = labels,
        };
    }
}
