namespace RulesMesh.Engine;

/// <summary>
/// Where a derived item stands in a full translation's order: first its stage, then the Gateway and the service it is
/// about. Warnings and route statuses are merged in this order (so a step gives what a full run gives), and items are
/// recomputed stage by stage (so a waypoint is assembled after the captures it lists).
/// </summary>
internal readonly record struct ItemOrder(int Stage, string Scope, int Part, string Kind, string Namespace, string Name, string Group) : IComparable<ItemOrder>
{
    public const int Models = 0;
    public const int Captures = 1;
    public const int Indexes = 2;
    public const int Backends = 3;
    public const int Clusters = 4;
    public const int Gateways = 5;
    public const int Statuses = 6;

    /// <summary>How many stages there are.</summary>
    public const int StageCount = Statuses + 1;

    public static ItemOrder Of(int stage) => new(stage, string.Empty, 0, string.Empty, string.Empty, string.Empty, string.Empty);

    public static ItemOrder Of(int stage, InputKey key, string kind) => new(stage, string.Empty, 0, kind, key.Namespace, key.Name, key.Type.FullName ?? string.Empty);

    public int CompareTo(ItemOrder other)
    {
        var order = Stage.CompareTo(other.Stage);
        order = order != 0 ? order : string.CompareOrdinal(Scope, other.Scope);
        order = order != 0 ? order : Part.CompareTo(other.Part);
        order = order != 0 ? order : string.CompareOrdinal(Kind, other.Kind);
        order = order != 0 ? order : string.CompareOrdinal(Namespace, other.Namespace);
        order = order != 0 ? order : string.CompareOrdinal(Name, other.Name);
        return order != 0 ? order : string.CompareOrdinal(Group, other.Group);
    }
}
