namespace RulesMesh.Rules.Declarative;

/// <summary>Where a <see cref="UseWaypointLabelAttribute"/> rule reads its label.</summary>
public enum LabelScope
{
    /// <summary>The Service or ServiceEntry's own labels.</summary>
    Object,

    /// <summary>The labels of the object's Namespace, for objects without the label of their own.</summary>
    Namespace,
}
