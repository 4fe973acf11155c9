using RulesMesh.Mesh;

namespace RulesMesh.Capture;

/// <summary>One service and the capture stage's decision about it.</summary>
/// <param name="Service">The service, whether from a Service or a ServiceEntry.</param>
/// <param name="Decision">Which waypoint, if any, it uses, with every capture rule's step.</param>
public sealed record ServiceCapture(MeshService Service, CaptureDecision Decision)
{
    /// <summary>The object the service came from.</summary>
    public ObjectKey Key => Service.Key;

    /// <summary>
    /// Whether a waypoint can tell its traffic apart: a filter chain matches on VIPs, so a headless Service or a
    /// ServiceEntry without addresses gets none even when captured (its clusters still exist).
    /// </summary>
    public bool HasAddresses => Service.Addresses.Count > 0;

    /// <summary>The order results list services in: kind, namespace, name.</summary>
    internal static IComparer<ServiceCapture> ByKindNamespaceName { get; } = Comparer<ServiceCapture>.Create(static (a, b) =>
    {
        var byKind = string.CompareOrdinal(a.Key.Kind, b.Key.Kind);
        var byNamespace = byKind != 0 ? byKind : string.CompareOrdinal(a.Key.Namespace, b.Key.Namespace);
        var byName = byNamespace != 0 ? byNamespace : string.CompareOrdinal(a.Key.Name, b.Key.Name);
        return byName != 0 ? byName : string.CompareOrdinal(a.Key.Group, b.Key.Group);
    });
}
