using k8s;
using k8s.Models;
using RulesMesh.Mesh;

namespace RulesMesh.Rules;

/// <summary>The checks behind <see cref="AppliesToAttribute"/>, called by generated pipelines before a rule runs.</summary>
public static class RuleFilter
{
    /// <summary>Whether a service matches one AppliesTo declaration.</summary>
    public static bool Applies(MeshService service, string group, string kind, string? label, string? annotation)
        => service.Key.Group == group && service.Key.Kind == kind
            && (label is null || service.Labels.ContainsKey(label))
            && (annotation is null || (service.Source.Metadata?.Annotations?.ContainsKey(annotation) ?? false));

    /// <summary>Whether an object matches one AppliesTo declaration.</summary>
    public static bool Applies(IKubernetesObject<V1ObjectMeta> resource, string group, string kind, string? label, string? annotation)
    {
        var apiVersion = resource.ApiVersion ?? string.Empty;
        var slash = apiVersion.IndexOf('/');
        var resourceGroup = slash < 0 ? string.Empty : apiVersion[..slash];
        return resourceGroup == group && resource.Kind == kind
            && (label is null || (resource.Metadata?.Labels?.ContainsKey(label) ?? false))
            && (annotation is null || (resource.Metadata?.Annotations?.ContainsKey(annotation) ?? false));
    }
}
