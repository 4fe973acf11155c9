using RulesMesh.Translation;

namespace RulesMesh.Engine;

/// <summary>A value a rule derives by key (<see cref="TranslationContext.Derive{TKey, TValue}"/>), recomputed when what it read changes.</summary>
internal sealed class DerivedValueItem(object compute, object key, Func<TranslationContext, object?> derive)
    : KeyedItem<(object Compute, object Key)>((compute, key), new ItemOrder(ItemOrder.Indexes, ((Delegate)compute).Method.DeclaringType?.FullName + "." + ((Delegate)compute).Method.Name, 1, key.ToString() ?? string.Empty, string.Empty, string.Empty, string.Empty))
{
    public override object? Compute(ItemFrame frame) => derive(frame.Context);

    public override bool SameValue(object? before, object? after) => ReferenceEquals(before, after);
}
