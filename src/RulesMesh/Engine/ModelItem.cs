using k8s;
using k8s.Models;
using RulesMesh.Mesh;
using RulesMesh.ServiceModel;

namespace RulesMesh.Engine;

/// <summary>An input object as a service (Service, ServiceEntry), or null when no service-model rule makes one of it.</summary>
internal sealed class ModelItem(InputKey key, string kind) : InputItem(key, kind, ItemOrder.Models)
{
    public override object? Compute(ItemFrame frame)
        => frame.Store.GetObject(Key.Type, Key.Namespace, Key.Name) is { } resource
            ? frame.Pipeline.Stage<IServiceModelRule<IKubernetesObject<V1ObjectMeta>>>().Build(resource, frame.Rules)
            : null;

    public override bool SameValue(object? before, object? after) => ReferenceEquals(before, after);

    public static MeshService? Of(ItemFrame frame, InputKey key, string kind) => (MeshService?)frame.Get(new ModelItem(key, kind));
}
