namespace RulesMesh.Engine;

/// <summary>An item about one input object (its model, capture, backends, …), ordered by its stage, kind and key.</summary>
internal abstract class InputItem(InputKey key, string kind, int stage) : KeyedItem<InputKey>(key, stage)
{
    /// <summary>The input object's kind, as its model names it.</summary>
    public string Kind { get; } = kind;

    public override ItemOrder Order => ItemOrder.Of(Stage, Key, Kind);
}
