using RulesMesh.Translation;

namespace RulesMesh.Engine;

/// <summary>An index over the resources (<see cref="TranslationContext.Index{T}"/>), rebuilt when what its builder read changes.</summary>
internal sealed class IndexItem(Type type, Func<TranslationContext, object> build)
    : KeyedItem<Type>(type, new ItemOrder(ItemOrder.Indexes, type.FullName ?? type.Name, 0, string.Empty, string.Empty, string.Empty, string.Empty))
{
    public override object? Compute(ItemFrame frame) => build(frame.Context);

    public override bool SameValue(object? before, object? after) => ReferenceEquals(before, after);
}
