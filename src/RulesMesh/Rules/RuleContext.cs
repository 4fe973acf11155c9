using k8s.Models;

namespace RulesMesh.Rules;

/// <summary>What rules may read besides the object they are given: settings and the cluster's namespaces.</summary>
public sealed class RuleContext(EngineSettings settings, IReadOnlyDictionary<string, V1Namespace> namespaces)
{
    /// <summary>Settings of this run.</summary>
    public EngineSettings Settings { get; } = settings;

    /// <summary>The labels of a namespace, empty when the namespace is unknown or unlabelled.</summary>
    public IReadOnlyDictionary<string, string> NamespaceLabels(string name)
        => namespaces.TryGetValue(name, out var ns) && ns.Metadata?.Labels is { } labels
            ? labels.AsReadOnly()
            : EmptyLabels;

    /// <summary>Whether the namespace object was given.</summary>
    public bool HasNamespace(string name) => namespaces.ContainsKey(name);

    private static readonly IReadOnlyDictionary<string, string> EmptyLabels = new Dictionary<string, string>();
}
