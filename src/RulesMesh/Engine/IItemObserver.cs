namespace RulesMesh.Engine;

/// <summary>Told when an item's value or emissions change, or it is dropped (value and emissions then go to null and none).</summary>
internal interface IItemObserver
{
    IncrementalTranslation Engine { get; }

    void ValueChanged(DerivedItem item, object? before, object? after);

    void EmissionsChanged(DerivedItem item, ItemEmissions before, ItemEmissions after);
}
