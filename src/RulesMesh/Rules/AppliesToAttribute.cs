namespace RulesMesh.Rules;

/// <summary>
/// Limits a rule to objects of one kind, optionally only those in one namespace or carrying a label or an annotation.
/// Repeat it for several kinds. The generated pipeline checks it before calling the rule.
/// </summary>
/// <param name="group">API group; empty for core kinds such as Service.</param>
/// <param name="kind">The kind, e.g. <c>ServiceEntry</c>.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AppliesToAttribute(string group, string kind) : Attribute
{
    /// <summary>API group.</summary>
    public string Group { get; } = group;

    /// <summary>Kind.</summary>
    public string Kind { get; } = kind;

    /// <summary>When set, the rule applies only to objects that carry this label key.</summary>
    public string? Label { get; set; }

    /// <summary>When set, the rule applies only to objects that carry this annotation key.</summary>
    public string? Annotation { get; set; }

    /// <summary>When set, the rule applies only to objects in this namespace.</summary>
    public string? Namespace { get; set; }
}
