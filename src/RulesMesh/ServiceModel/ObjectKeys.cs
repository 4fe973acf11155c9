using System.Collections.Frozen;
using k8s;
using k8s.Models;
using RulesMesh.Mesh;
using RulesMesh.Store;

namespace RulesMesh.ServiceModel;

/// <summary>The identity and labels every service model reads off an object's metadata.</summary>
internal static class ObjectKeys
{
    private static readonly IReadOnlyDictionary<string, string> NoLabels = FrozenDictionary<string, string>.Empty;

    /// <summary>The key of <paramref name="resource"/> as an object of <paramref name="group"/>/<paramref name="kind"/>.</summary>
    public static ObjectKey Of(IKubernetesObject<V1ObjectMeta> resource, string group, string kind)
        => new(group, kind, resource.Metadata?.NamespaceProperty ?? ResourceStore.DefaultNamespace, resource.Metadata?.Name ?? string.Empty);

    /// <summary>The object's labels, empty rather than null.</summary>
    public static IReadOnlyDictionary<string, string> Labels(V1ObjectMeta metadata)
        => metadata.Labels is { } labels ? labels.AsReadOnly() : NoLabels;
}
