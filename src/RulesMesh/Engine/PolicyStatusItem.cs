using RulesMesh.Translation.Policy;

namespace RulesMesh.Engine;

/// <summary>The statuses of the BackendConfigPolicies attached to some backend.</summary>
internal sealed class PolicyStatusItem() : DerivedItem(ItemOrder.Statuses)
{
    public override ItemOrder Order => ItemOrder.Of(Stage);

    public override object? Compute(ItemFrame frame) => BackendConfigPolicies.Statuses(frame.Context);

    public override bool SameItem(DerivedItem other) => other is PolicyStatusItem;

    public override int ItemHash => typeof(PolicyStatusItem).GetHashCode();

    public override string ToString() => nameof(PolicyStatusItem);

    public override bool SameValue(object? before, object? after) => ReferenceEquals(before, after);
}
