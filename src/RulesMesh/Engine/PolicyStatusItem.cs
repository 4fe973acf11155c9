using RulesMesh.Translation.Policy;

namespace RulesMesh.Engine;

/// <summary>The statuses of the BackendConfigPolicies attached to some backend.</summary>
internal sealed class PolicyStatusItem() : DerivedItem(nameof(PolicyStatusItem), ItemOrder.Of(ItemOrder.Statuses))
{
    public override object? Compute(ItemFrame frame) => BackendConfigPolicies.Statuses(frame.Context);

    public override bool SameValue(object? before, object? after) => ReferenceEquals(before, after);
}
