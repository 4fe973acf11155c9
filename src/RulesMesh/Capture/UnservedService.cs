using RulesMesh.Mesh;

namespace RulesMesh.Capture;

/// <summary>A service that names a waypoint which does not handle its traffic: the Gateway is missing, is not a waypoint, or serves no listener.</summary>
/// <param name="Capture">The service and its capture decision.</param>
/// <param name="Waypoint">The waypoint it names.</param>
/// <param name="Problem">What is wrong, e.g. <c>names waypoint infra/foo, which does not exist</c>.</param>
public sealed record UnservedService(ServiceCapture Capture, NamespacedName Waypoint, string Problem);
