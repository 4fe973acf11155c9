using RulesMesh.Translation;

namespace RulesMesh.Engine;

/// <summary>A value a rule derives by key (<see cref="TranslationContext.Derive{TKey, TValue}"/>), recomputed when what it read changes.</summary>
/// <typeparam name="TKey">The key the value is derived for.</typeparam>
/// <typeparam name="TValue">The value.</typeparam>
internal sealed class DerivedValueItem<TKey, TValue>(Func<TranslationContext, TKey, TValue> compute, TKey key)
    : KeyedItem<(Func<TranslationContext, TKey, TValue> Compute, TKey Key)>((compute, key), ItemOrder.Indexes)
    where TKey : notnull
{
    public override ItemOrder Order => new(Stage, Key.Compute.Method.DeclaringType?.FullName + "." + Key.Compute.Method.Name, 1, Key.Key.ToString() ?? string.Empty, string.Empty, string.Empty, string.Empty);

    public override object? Compute(ItemFrame frame) => Key.Compute(frame.Context, Key.Key);

    public override bool SameValue(object? before, object? after) => ReferenceEquals(before, after);
}
