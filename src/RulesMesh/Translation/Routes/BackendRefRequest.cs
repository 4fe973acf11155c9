using RulesMesh.Mesh;

namespace RulesMesh.Translation.Routes;

/// <summary>A backendRef to resolve, as written in a route in <paramref name="RouteNamespace"/>.</summary>
/// <param name="Route">The route it is written in.</param>
/// <param name="RouteNamespace">The route's namespace, the default for the ref's.</param>
/// <param name="Group">The ref's group as written (null means core).</param>
/// <param name="Kind">The ref's kind as written (null means Service).</param>
/// <param name="Namespace">The ref's namespace as written.</param>
/// <param name="Name">The ref's name.</param>
/// <param name="Port">The ref's port.</param>
public sealed record BackendRefRequest(ObjectKey Route, string RouteNamespace, string? Group, string? Kind, string? Namespace, string Name, int? Port)
{
    /// <summary>
    /// Whether the route is a mesh route (parented to a Service or ServiceEntry, not a Gateway), whose backends Istio
    /// resolves without asking for a ReferenceGrant (docs/spec/istio-waypoint-output.md §4.1).
    /// </summary>
    public bool MeshRoute { get; init; }
}
