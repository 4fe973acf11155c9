using RulesMesh.Engine;
using RulesMesh.Mesh;

namespace RulesMesh.Translation;

/// <summary>The mesh model's object keys as the store's, for warnings about the object a key names.</summary>
internal static class ObjectKeys
{
    /// <summary>The store's key of the object <paramref name="key"/> names.</summary>
    public static ResourceKey AsResourceKey(this ObjectKey key) => new(key.Group, key.Kind, key.Namespace, key.Name);
}
