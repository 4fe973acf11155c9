namespace RulesMesh.Capture;

/// <summary>istiod's reason for refusing a waypoint, the refusal in words, and what follows from it.</summary>
/// <param name="Reason">The status reason, such as <c>WaypointIsNotReady</c>.</param>
/// <param name="Detail">What is wrong, in words.</param>
/// <param name="After">What the refusal does not lead to (no namespace fallback), or empty.</param>
internal sealed record WaypointRefusal(string Reason, string Detail, string After);
