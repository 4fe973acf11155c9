using System.Text.Json;
using k8s;

namespace RulesMesh.Loading;

/// <summary>JSON settings for reading and writing manifests, the same as KubernetesClient's own.</summary>
public static class ManifestJsonOptions
{
    /// <summary>
    /// KubernetesClient's options: camelCase names, nulls omitted on write, and its converters for
    /// Kubernetes dates, durations and enums, nesting up to <see cref="LoaderLimits.MaximumDepth"/>. Read-only.
    /// </summary>
    public static JsonSerializerOptions Default { get; } = CopyKubernetesClientOptions();

    private static JsonSerializerOptions CopyKubernetesClientOptions()
    {
        // KubernetesJson keeps its options private and this hook is the public way to reach them.
        // They are copied, never changed, so other users of KubernetesJson are unaffected.
        JsonSerializerOptions? copy = null;
        KubernetesJson.AddJsonOptions(options => copy = new JsonSerializerOptions(options));
        if (copy is null)
        {
            throw new InvalidOperationException("KubernetesJson did not hand over its serializer options.");
        }

        // Manifests may nest as deep as the loader's highest depth limit; System.Text.Json's default stops at 64.
        copy.MaxDepth = LoaderLimits.MaximumDepth + 2;
        copy.MakeReadOnly(populateMissingResolver: true);
        return copy;
    }
}
