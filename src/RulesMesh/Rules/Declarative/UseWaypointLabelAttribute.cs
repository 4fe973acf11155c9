namespace RulesMesh.Rules.Declarative;

/// <summary>
/// A capture rule as data: the service uses the waypoint named by <paramref name="label"/>, in the namespace named by
/// <see cref="NamespaceLabel"/> read from the same labels (else the labels' own namespace). The value
/// <see cref="OptOutValue"/> means "no waypoint" and stops later rules. Put it on a <c>partial</c> class with
/// <c>[Rule("name")]</c>; the rules generator writes its <c>IServiceCaptureRule</c> implementation.
/// </summary>
/// <param name="label">The label that names the waypoint, e.g. <c>istio.io/use-waypoint</c>.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class UseWaypointLabelAttribute(string label) : Attribute
{
    /// <summary>The label key that names the waypoint.</summary>
    public string Label { get; } = label;

    /// <summary>The label key that names the waypoint's namespace, read from the same label set.</summary>
    public string? NamespaceLabel { get; set; }

    /// <summary>The value that opts out. Default <c>none</c>.</summary>
    public string OptOutValue { get; set; } = "none";

    /// <summary>Whose labels are read. Default: the object's own.</summary>
    public LabelScope Scope { get; set; } = LabelScope.Object;
}
