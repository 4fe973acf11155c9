using RulesMesh.Mesh;

namespace RulesMesh.Rules;

/// <summary>Something a rule's <see cref="AppliesToAttribute"/> can be checked against: an object key, labels and annotations.</summary>
public interface IRuleSubject
{
    /// <summary>The object the subject stands for.</summary>
    ObjectKey Key { get; }

    /// <summary>Its labels (never null).</summary>
    IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>Its annotations (never null).</summary>
    IReadOnlyDictionary<string, string> Annotations { get; }
}
