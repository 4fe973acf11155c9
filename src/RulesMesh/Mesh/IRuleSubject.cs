namespace RulesMesh.Mesh;

/// <summary>Something a rule's <c>[AppliesTo]</c> can be checked against: an object key, labels and annotations.</summary>
public interface IRuleSubject
{
    /// <summary>The object the subject stands for.</summary>
    ObjectKey Key { get; }

    /// <summary>Its labels (never null).</summary>
    IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>Its annotations (never null).</summary>
    IReadOnlyDictionary<string, string> Annotations { get; }
}
