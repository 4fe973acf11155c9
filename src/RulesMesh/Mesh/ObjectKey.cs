namespace RulesMesh.Mesh;

/// <summary>Identifies an object: group, kind, namespace and name. Prints as kgateway does: <c>ServiceEntry(infra/se-a)</c>.</summary>
public readonly record struct ObjectKey(string Group, string Kind, string Namespace, string Name)
{
    /// <inheritdoc />
    public override string ToString() => $"{Kind}({Namespace}/{Name})";
}
