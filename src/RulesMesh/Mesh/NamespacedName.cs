namespace RulesMesh.Mesh;

/// <summary>A namespace and a name, e.g. the waypoint Gateway a service names.</summary>
public readonly record struct NamespacedName(string Namespace, string Name)
{
    /// <summary>Parses <c>ns/name</c>.</summary>
    public static NamespacedName Parse(string text)
    {
        var slash = text.IndexOf('/');
        return slash > 0 && slash < text.Length - 1
            ? new NamespacedName(text[..slash], text[(slash + 1)..])
            : throw new FormatException($"'{text}' is not of the form namespace/name.");
    }

    /// <inheritdoc />
    public override string ToString() => Namespace + "/" + Name;
}
