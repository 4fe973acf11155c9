namespace RulesMesh.Store;

/// <summary>
/// One kind of read of a <see cref="ResourceStore"/>, as a dependency: one object by name, every object of a type in a
/// namespace, those carrying a label value, every object of a type, or every object. A change to an object changes
/// every read it could alter (its name, its namespace, each label value it had or has, its type, everything).
/// </summary>
/// <param name="Type">The model type read; null for every object.</param>
/// <param name="Namespace">The namespace read ("" for cluster-scoped); null for every namespace.</param>
/// <param name="Name">The name read; null for a namespace, label or type read.</param>
/// <param name="Label">The label key of a label read.</param>
/// <param name="Value">The label value of a label read.</param>
public readonly record struct StoreRead(Type? Type, string? Namespace, string? Name, string? Label, string? Value)
{
    /// <summary>A read of every object.</summary>
    public static StoreRead Everything => default;

    /// <summary>A read of one object.</summary>
    public static StoreRead Object(Type type, string ns, string name) => new(type, ns, name, null, null);

    /// <summary>A read of every object of <paramref name="type"/> in <paramref name="ns"/>.</summary>
    public static StoreRead InNamespace(Type type, string ns) => new(type, ns, null, null, null);

    /// <summary>A read of the objects of <paramref name="type"/> in <paramref name="ns"/> labelled <paramref name="label"/>=<paramref name="value"/>.</summary>
    public static StoreRead Labelled(Type type, string ns, string label, string value) => new(type, ns, null, label, value);

    /// <summary>A read of every object of <paramref name="type"/>.</summary>
    public static StoreRead Kind(Type type) => new(type, null, null, null, null);
}
