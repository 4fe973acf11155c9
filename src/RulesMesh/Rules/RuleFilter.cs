using k8s;
using k8s.Models;
using RulesMesh.Mesh;

namespace RulesMesh.Rules;

/// <summary>The checks behind <see cref="AppliesToAttribute"/>, called by generated pipelines before a rule runs.</summary>
public static class RuleFilter
{
    /// <summary>Whether a service, a backend or another subject matches one AppliesTo declaration.</summary>
    public static bool Applies(IRuleSubject subject, string group, string kind, string? label, string? annotation, string? @namespace)
        => subject.Key.Group == group && subject.Key.Kind == kind
            && (@namespace is null || subject.Key.Namespace == @namespace)
            && (label is null || subject.Labels.ContainsKey(label))
            && (annotation is null || subject.Annotations.ContainsKey(annotation));

    /// <summary>Whether an object matches one AppliesTo declaration.</summary>
    public static bool Applies(IKubernetesObject<V1ObjectMeta> resource, string group, string kind, string? label, string? annotation, string? @namespace)
    {
        // Compared as spans: this runs for every object against every model rule, so it must not allocate.
        var apiVersion = (resource.ApiVersion ?? string.Empty).AsSpan();
        var slash = apiVersion.IndexOf('/');
        var resourceGroup = slash < 0 ? [] : apiVersion[..slash];
        return resource.Kind == kind && resourceGroup.SequenceEqual(group)
            && (@namespace is null || resource.Metadata?.NamespaceProperty == @namespace)
            && (label is null || (resource.Metadata?.Labels?.ContainsKey(label) ?? false))
            && (annotation is null || (resource.Metadata?.Annotations?.ContainsKey(annotation) ?? false));
    }
}
