using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using RulesMesh.Loading;

namespace RulesMesh.Tests.Engine;

/// <summary>
/// Turns input objects into JSON and back through the real loader, so every object a test hands the engine is one the
/// loader accepts (schema, CEL and validation rules) and is a fresh copy, never shared with the state it came from.
/// </summary>
internal sealed class ManifestObjects
{
    private readonly ManifestLoader _loader = new();

    /// <summary>The object as a JSON tree (its manifest form).</summary>
    public static JsonObject ToJson(IKubernetesObject<V1ObjectMeta> resource)
        => JsonSerializer.SerializeToNode(resource, resource.GetType(), ManifestJsonOptions.Default)!.AsObject();

    /// <summary>Every object of <paramref name="yaml"/>, loaded; throws naming the loader's errors when it refuses any.</summary>
    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> LoadAll(string yaml, string source)
    {
        var load = _loader.LoadText(yaml, source);
        if (load.HasErrors)
        {
            throw new InvalidOperationException($"The loader refused {source}:\n{string.Join("\n", load.Diagnostics)}");
        }

        return [.. load.Resources.Select(static r => r.Object)];
    }

    /// <summary>The object <paramref name="manifest"/> describes, as the loader reads it; null with the loader's reason when it refuses it.</summary>
    public (IKubernetesObject<V1ObjectMeta>? Object, string? Refusal) Load(JsonObject manifest)
    {
        var load = _loader.LoadText(manifest.ToJsonString(), "edit.json");
        return load.HasErrors || load.Resources.Count != 1
            ? (null, string.Join("; ", load.Diagnostics.Select(static d => d.Message)))
            : (load.Resources[0].Object, null);
    }

    /// <summary>A deep copy of <paramref name="resource"/> through its JSON form and the loader.</summary>
    public IKubernetesObject<V1ObjectMeta> Clone(IKubernetesObject<V1ObjectMeta> resource)
        => Load(ToJson(resource)) is { Object: { } copy } ? copy : throw new InvalidOperationException($"The loader refused a copy of {resource.Kind} {resource.Metadata?.Name}.");
}
