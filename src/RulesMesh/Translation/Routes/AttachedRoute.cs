using k8s;
using k8s.Models;
using RulesMesh.Mesh;

namespace RulesMesh.Translation.Routes;

/// <summary>
/// A route attached to a waypoint's service, through one of its parentRefs. <see cref="Route"/> is a v1
/// HTTPRoute, GRPCRoute, TCPRoute or TLSRoute model (older versions are read as v1).
/// </summary>
/// <param name="Route">The route object.</param>
/// <param name="Key">The route's kind, namespace and name.</param>
/// <param name="Parent">The parentRef that attached it.</param>
/// <param name="ViaGateway">True when it is parented to the waypoint Gateway itself (applies to every captured service).</param>
public sealed record AttachedRoute(IKubernetesObject<V1ObjectMeta> Route, ObjectKey Key, ParentReference Parent, bool ViaGateway);
