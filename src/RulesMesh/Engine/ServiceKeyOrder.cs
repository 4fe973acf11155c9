using RulesMesh.Mesh;

namespace RulesMesh.Engine;

/// <summary>Services by kind, namespace, name, then group: the order capture lists them in.</summary>
internal sealed class ServiceKeyOrder : IComparer<ObjectKey>
{
    public static ServiceKeyOrder Instance { get; } = new();

    public int Compare(ObjectKey x, ObjectKey y)
    {
        var order = string.CompareOrdinal(x.Kind, y.Kind);
        order = order != 0 ? order : string.CompareOrdinal(x.Namespace, y.Namespace);
        order = order != 0 ? order : string.CompareOrdinal(x.Name, y.Name);
        return order != 0 ? order : string.CompareOrdinal(x.Group, y.Group);
    }
}
