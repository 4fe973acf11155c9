using RulesMesh.Mesh;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;

namespace RulesMesh.Capture;

/// <summary>
/// One Gateway: whether it is a waypoint, the listener it serves, and the services filed under its name.
/// </summary>
/// <param name="Name">Its namespace and name.</param>
/// <param name="Gateway">The Gateway as loaded (read as v1).</param>
/// <param name="Decision">Whether it is a waypoint that captures services, with every waypoint rule's step.</param>
/// <param name="Listener">The listener stage's verdict and status, or null when no listener rule handles this Gateway.</param>
/// <param name="Services">
/// Every service whose capture decision names this Gateway, sorted by kind, namespace and name. As in kgateway, nothing
/// is checked when a service is filed here: a Gateway that is not a waypoint has services too, but produces nothing.
/// </param>
public sealed record GatewayCapture(NamespacedName Name, Gateway Gateway, WaypointDecision Decision, ListenerVerdict? Listener, IReadOnlyList<ServiceCapture> Services)
{
    /// <summary>Whether the Gateway is a waypoint that captures services.</summary>
    public bool IsWaypoint => Decision.IsWaypoint;

    /// <summary>
    /// Whether it produces Envoy configuration for its services: it must be a waypoint, and the listener stage must not
    /// have found it without a valid listener (no listener verdict means the profile does not check listeners).
    /// </summary>
    public bool ProducesOutput => IsWaypoint && Listener is not { ListenerName: null };

    /// <summary>What the listener stage found wrong: the rejected Accepted condition when there is one.</summary>
    internal string ListenerProblem
        => Listener?.Status.Conditions?.FirstOrDefault(static c => c.Type == "Accepted" && c.Status == "False") is { } rejected
            ? $"Accepted=False, {rejected.Reason}: {rejected.Message}"
            : "no listener is valid";
}
