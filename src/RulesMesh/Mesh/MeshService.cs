using System.Collections.Frozen;
using k8s;
using k8s.Models;

namespace RulesMesh.Mesh;

/// <summary>
/// One service, whether it came from a Kubernetes Service or an Istio ServiceEntry, so that nothing above
/// the service model stage cares which. Mirrors kgateway's waypointquery <c>Service</c>.
/// </summary>
/// <param name="Key">The object it came from.</param>
/// <param name="Source">The typed object itself.</param>
/// <param name="Labels">The object's labels (never null).</param>
/// <param name="Aliases">Other keys the service answers to, such as one <c>networking.istio.io/Hostname</c> per ServiceEntry host (namespace empty).</param>
/// <param name="Addresses">VIPs: ClusterIPs, or ServiceEntry addresses followed by status addresses.</param>
/// <param name="Ports">The service's ports.</param>
/// <param name="Hostnames">DNS names: the cluster FQDN for a Service, the hosts for a ServiceEntry.</param>
public sealed record MeshService(
    ObjectKey Key,
    IKubernetesObject<V1ObjectMeta> Source,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<ObjectKey> Aliases,
    IReadOnlyList<string> Addresses,
    IReadOnlyList<ServicePort> Ports,
    IReadOnlyList<string> Hostnames) : IRuleSubject
{
    private static readonly IReadOnlyDictionary<string, string> NoAnnotations = FrozenDictionary<string, string>.Empty;

    /// <summary>The object's annotations (never null).</summary>
    public IReadOnlyDictionary<string, string> Annotations => Source.Metadata?.Annotations is { } annotations ? annotations.AsReadOnly() : NoAnnotations;

    /// <summary>The namespace of the object.</summary>
    public string Namespace => Key.Namespace;

    /// <summary>The name of the object.</summary>
    public string Name => Key.Name;

    /// <summary>kgateway's <c>Keys()</c>: the aliases, then the object's own key.</summary>
    /// <remarks>Every service's routes are looked up by these: walked in place, not through a chain of LINQ closures.</remarks>
    public IEnumerable<ObjectKey> Keys
    {
        get
        {
            foreach (var alias in Aliases)
            {
                if (alias != Key)
                {
                    yield return alias;
                }
            }

            yield return Key;
        }
    }
}
