using RulesMesh.Translation;

namespace RulesMesh.Engine;

/// <summary>An index over the resources (<see cref="TranslationContext.Index{T}"/>), rebuilt when what its builder read changes.</summary>
/// <typeparam name="T">The index.</typeparam>
internal sealed class IndexItem<T>(Func<TranslationContext, T> build) : KeyedItem<Type>(typeof(T), ItemOrder.Indexes)
{
    public override ItemOrder Order => new(Stage, Key.FullName ?? Key.Name, 0, string.Empty, string.Empty, string.Empty, string.Empty);

    public override object? Compute(ItemFrame frame) => build(frame.Context);

    public override bool SameValue(object? before, object? after) => ReferenceEquals(before, after);
}
