namespace RulesMesh.Rules.Declarative;

/// <summary>
/// A waypoint rule as data: a Gateway is a waypoint when its <c>gatewayClassName</c> is <paramref name="className"/>
/// (or the run's <see cref="EngineSettings.WaypointClassName"/> when set). Other Gateways fail.
/// </summary>
/// <param name="className">The waypoint GatewayClass, e.g. <c>kgateway-waypoint</c>.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class WaypointClassAttribute(string className) : Attribute
{
    /// <summary>The waypoint GatewayClass.</summary>
    public string ClassName { get; } = className;
}
