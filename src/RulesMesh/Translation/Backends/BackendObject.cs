using System.Globalization;
using RulesMesh.Mesh;

namespace RulesMesh.Translation.Backends;

/// <summary>
/// One backend: a service port and, for a ServiceEntry, one of its hosts. It becomes one Envoy cluster.
/// Mirrors kgateway's <c>BackendObjectIR</c>.
/// </summary>
/// <param name="Service">The service it belongs to.</param>
/// <param name="Port">The service port.</param>
/// <param name="Host">The ServiceEntry host, or the Service's cluster FQDN (kgateway's canonical hostname).</param>
/// <param name="ClusterName">The Envoy cluster name, from the naming stage.</param>
/// <param name="Aliases">Keys a backendRef may use for it besides the service itself (e.g. <c>networking.istio.io/Hostname</c> per host).</param>
public sealed record BackendObject(MeshService Service, ServicePort Port, string Host, string ClusterName, IReadOnlyList<ObjectKey> Aliases) : IRuleSubject
{
    /// <inheritdoc />
    public ObjectKey Key => Service.Key;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Labels => Service.Labels;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Annotations => Service.Annotations;

    /// <summary>When the object was created; the oldest wins a Hostname tie.</summary>
    public DateTime? CreationTimestamp => Service.Source.Metadata?.CreationTimestamp;

    /// <summary>
    /// What tells apart the backends of one service port: the host for a ServiceEntry (kgateway's <c>extraKey</c>),
    /// null for a Service.
    /// </summary>
    public string? ExtraKey { get; init; }

    /// <summary>
    /// kgateway's krt resource name, <c>&lt;group&gt;/&lt;kind&gt;/&lt;ns&gt;/&lt;name&gt;:&lt;port&gt;[_&lt;extraKey&gt;]</c>
    /// (docs/spec/kgateway-waypoint.md §3.5), e.g. <c>networking.istio.io/ServiceEntry/infra/se-a:5000_se-a.example.com</c>; the smallest wins a
    /// backendRef tie between backends of the same age.
    /// </summary>
    public string ResourceName
        => string.Create(CultureInfo.InvariantCulture, $"{Key.Group}/{Key.Kind}/{Key.Namespace}/{Key.Name}:{Port.Port}")
            + (string.IsNullOrEmpty(ExtraKey) ? string.Empty : "_" + ExtraKey);
}
