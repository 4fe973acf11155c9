namespace RulesMesh.Modeling;

/// <summary>
/// Written by the model generator on every assembly it generates models into, one per kind and version.
/// The generator reads it from referenced assemblies so a consumer does not generate a second copy
/// of a model the RulesMesh library already ships.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public sealed class ProvidesModelAttribute(string group, string version, string kind, Type modelType) : Attribute
{
    /// <summary>API group.</summary>
    public string Group { get; } = group;

    /// <summary>API version.</summary>
    public string Version { get; } = version;

    /// <summary>Kind.</summary>
    public string Kind { get; } = kind;

    /// <summary>The generated type this version reads into: the kind's hub type.</summary>
    public Type ModelType { get; } = modelType;
}
