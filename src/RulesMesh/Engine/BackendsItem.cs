using RulesMesh.Translation.Backends;

namespace RulesMesh.Engine;

/// <summary>The backends of one service (one per port, per host for a ServiceEntry); null when the input object is no service.</summary>
internal sealed class BackendsItem(InputKey key, string kind) : InputItem(key, kind, ItemOrder.Backends)
{
    public override object? Compute(ItemFrame frame)
        => ModelItem.Of(frame, Key, Kind) is { } service ? frame.Pipeline.Stage<IBackendsRule>().Backends(service, frame.Context) ?? [] : null;

    public override bool SameValue(object? before, object? after)
        => (before, after) switch
        {
            (null, null) => true,
            (IReadOnlyList<BackendObject> a, IReadOnlyList<BackendObject> b) => a.SequenceEqual(b),
            _ => false,
        };

    public static IReadOnlyList<BackendObject> Of(ItemFrame frame, InputKey key, string kind) => (IReadOnlyList<BackendObject>?)frame.Get(new BackendsItem(key, kind)) ?? [];
}
