namespace RulesMesh.Engine;

/// <summary>Workloads by kind (Pods before WorkloadEntries), namespace, then name.</summary>
internal sealed class WorkloadOrder : IComparer<InputKey>
{
    public static WorkloadOrder Instance { get; } = new();

    public int Compare(InputKey x, InputKey y)
    {
        var order = string.CompareOrdinal(x.Type.Name == "V1Pod" ? "0" : x.Type.Name, y.Type.Name == "V1Pod" ? "0" : y.Type.Name);
        order = order != 0 ? order : string.CompareOrdinal(x.Namespace, y.Namespace);
        return order != 0 ? order : string.CompareOrdinal(x.Name, y.Name);
    }
}
