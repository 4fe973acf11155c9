namespace RulesMesh.Rules.Declarative;

/// <summary>
/// A waypoint rule as data: reads the traffic type from the Gateway's <paramref name="label"/>
/// (default <see cref="DefaultValue"/>); the Gateway captures services only for one of <see cref="AcceptedValues"/>.
/// </summary>
/// <param name="label">The label, e.g. <c>istio.io/waypoint-for</c>.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class WaypointForAttribute(string label) : Attribute
{
    /// <summary>The label key.</summary>
    public string Label { get; } = label;

    /// <summary>The value assumed when the label is absent. Default <c>service</c>.</summary>
    public string DefaultValue { get; set; } = "service";

    /// <summary>Comma-separated values that capture services. Default <c>service,all</c>.</summary>
    public string AcceptedValues { get; set; } = "service,all";
}
