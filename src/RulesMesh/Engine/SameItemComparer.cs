namespace RulesMesh.Engine;

/// <summary>Compares items by what they stand for (<see cref="DerivedItem.SameItem"/>), so a new item finds the graph's one of its kind and key.</summary>
internal sealed class SameItemComparer : IEqualityComparer<DerivedItem>
{
    public static SameItemComparer Instance { get; } = new();

    public bool Equals(DerivedItem? x, DerivedItem? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.SameItem(y));

    public int GetHashCode(DerivedItem obj) => obj.ItemHash;
}
