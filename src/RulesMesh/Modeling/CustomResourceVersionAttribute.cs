namespace RulesMesh.Modeling;

/// <summary>Marks a generated kind with how its CRD serves this version.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class CustomResourceVersionAttribute : Attribute
{
    /// <summary>True for the one version the API server stores.</summary>
    public bool Storage { get; init; }

    /// <summary>True when the CRD marks this version deprecated.</summary>
    public bool Deprecated { get; init; }

    /// <summary>The CRD file the model was generated from, as handed to the generator.</summary>
    public string? Source { get; init; }
}
